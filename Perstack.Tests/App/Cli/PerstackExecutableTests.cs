using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Cli;

/// <summary>The real <c>perstack</c> executable as a child process: exit codes and streams as a shell sees them.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class PerstackExecutableTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var result = await PerstackProcess.RunAsync(args);
        return (result.ExitCode, result.Output, result.Error);
    }

    [Test]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (exitCode, output, _) = await RunAsync("--version");

        exitCode.Should().Be(0);
        output.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Test]
    public async Task Jobs_list_on_the_fixture_history_prints_five_rows()
    {
        using var temp = new TempDirectory();
        var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));

        var (exitCode, output, error) = await RunAsync("jobs", "list", "--storage-path", store);

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5);
    }

    [Test]
    public async Task Jobs_list_json_written_straight_to_stdout_is_what_the_command_writes_in_process()
    {
        using var temp = new TempDirectory();
        var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));

        var (exitCode, output, error) = await RunAsync("jobs", "list", "--json", "--storage-path", store);
        var inProcess = await CliRunner.RunAsync("jobs", "list", "--json", "--storage-path", store);

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Be(inProcess.Output);
        System.Text.Json.JsonDocument.Parse(output).RootElement.GetArrayLength().Should().Be(5);
    }

    [Test]
    public async Task A_traversal_id_gets_one_line_on_stderr_no_stack_trace_and_exit_1()
    {
        var (exitCode, output, error) = await RunAsync("jobs", "show", "../../etc/passwd");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Trim().Should().Be("Invalid job id \"../../etc/passwd\": it must start with a letter or digit");
    }

    [Test]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (exitCode, output, error) = await RunAsync("jobz");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("Unrecognized command or argument 'jobz'");
    }
}
