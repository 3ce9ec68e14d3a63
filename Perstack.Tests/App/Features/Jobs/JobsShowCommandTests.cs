using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsShowCommandTests : FixtureCopyTests
{
    [Test]
    public async Task Shows_the_job_then_its_checkpoints_by_step()
    {
        var result = await CliRunner.RunAsync("jobs", "show", "gf13yre28vrnvqtt96gqls80", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.OutputLines.Should().Contain("Job:      gf13yre28vrnvqtt96gqls80")
            .And.Contain("Expert:   fake-interactive")
            .And.Contain("Status:   completed")
            .And.Contain("Usage:    1300 tokens (in 1200, out 100)");
        var rows = result.OutputLines.Where(l => l.StartsWith("  Step ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        rows.Should().HaveCount(4);
        rows[0].Should().StartWith("Step 1 (ntt9ltvvc2kq9si820pkiib1)").And.Contain("stoppedByInteractiveTool").And.Contain("fake-interactive");
        rows[1].Should().StartWith("Step 2 (b332u04gln44g0rpogz5ioe4)").And.Contain("proceeding");
        rows[2].Should().StartWith("Step 3 (rbl9onz9mhpvvno3zj3afdbl)");
        rows[3].Should().StartWith("Step 4 (yw9btho82skvsne8l9e29v8o)").And.Contain("completed").And.EndWith("1300 tokens (in 1200, out 100)");
    }

    [Test]
    public async Task Json_output_holds_the_job_and_checkpoint_headers()
    {
        var result = await CliRunner.RunAsync("jobs", "show", "zx1gh1dxk13tzk3lx8vtxyt9", "--json", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        root.GetProperty("job").GetProperty("id").GetString().Should().Be("zx1gh1dxk13tzk3lx8vtxyt9");
        root.GetProperty("displayStatus").GetString().Should().Be("completed");
        var steps = root.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("stepNumber").GetInt64()).ToList();
        steps.Should().Equal(1, 2, 3, 4, 5);
        root.GetProperty("checkpoints")[0].TryGetProperty("messages", out _).Should().BeFalse("headers never carry the history");
        root.GetProperty("problems").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task An_unknown_job_is_an_error()
    {
        var result = await CliRunner.RunAsync("jobs", "show", "nosuchjob", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Equal("Job nosuchjob not found");
    }

    [TestCase("../gf13yre28vrnvqtt96gqls80")]
    [TestCase("/etc")]
    [TestCase("a/b")]
    [TestCase(".")]
    [TestCase("")]
    public async Task A_path_like_job_id_is_refused_before_any_file_is_touched(string jobId)
    {
        var outside = Path.Combine(Temp.Path, "outside");
        var result = await CliRunner.RunAsync("jobs", "show", jobId, "--storage-path", Path.Combine(outside, "store"));

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("Invalid job id \"");
        Directory.Exists(outside).Should().BeFalse("nothing may be created for a refused id");
    }

    [Test]
    public async Task A_corrupt_job_file_is_named_in_the_error()
    {
        var file = Path.Combine(Store, "jobs", "job-fixed-0001", "job.json");
        await File.WriteAllTextAsync(file, "");

        var result = await CliRunner.RunAsync("jobs", "show", "job-fixed-0001", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal($"Cannot read {file}: the file is empty");
    }
}
