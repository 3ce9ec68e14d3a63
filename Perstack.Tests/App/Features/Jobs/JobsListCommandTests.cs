using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsListCommandTests : FixtureCopyTests
{
    private static string Local(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    [Test]
    public async Task Lists_every_fixture_job_newest_first_in_the_exact_row_format()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.OutputLines.Should().Equal(
            $"fake-basic - 2 steps (job-fixed-0001) ({Local(1795738495566)})  completed",
            $"fake-interactive - 4 steps (gf13yre28vrnvqtt96gqls80) ({Local(1795738490421)})  completed",
            $"fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc) ({Local(1795738479184)})  completed",
            $"fake-coordinator - 3 steps (r5fwacdzy063tewk7tqaxskw) ({Local(1795738471094)})  completed",
            $"fake-writer - 5 steps (zx1gh1dxk13tzk3lx8vtxyt9) ({Local(1795738468614)})  completed");
    }

    [Test]
    public async Task Json_output_is_an_array_of_job_objects_newest_first()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--json", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        using var document = JsonDocument.Parse(result.Output);
        var ids = document.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        ids.Should().Equal("job-fixed-0001", "gf13yre28vrnvqtt96gqls80", "aajxt79vxz6vvwkfyltr74pc", "r5fwacdzy063tewk7tqaxskw", "zx1gh1dxk13tzk3lx8vtxyt9");
        var first = document.RootElement[0];
        first.GetProperty("status").GetString().Should().Be("completed");
        first.GetProperty("usage").GetProperty("totalTokens").GetInt64().Should().Be(825);
        first.TryGetProperty("maxSteps", out _).Should().BeFalse("optional fields are omitted, not null");
    }

    [Test]
    public async Task Limit_keeps_the_newest_jobs()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--limit", "2", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().HaveCount(2);
        result.OutputLines[0].Should().Contain("(job-fixed-0001)");
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("1.5")]
    public async Task An_invalid_limit_is_a_one_line_error_and_exit_1(string limit)
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--limit", limit, "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines[0].Should().Be($"Error: Invalid --limit \"{limit}\": expected an integer ≥ 1");
    }

    [Test]
    public async Task A_corrupt_job_is_warned_about_and_the_rest_still_lists()
    {
        var broken = Path.Combine(Store, "jobs", "brokenjob", "job.json");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, "{\"id\":\"brokenjob\",\"status\":\"compl");

        var result = await CliRunner.RunAsync("jobs", "list", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().HaveCount(5);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"warning: skipped {broken}: ");
    }

    [Test]
    public async Task A_running_job_shows_interrupted_unless_a_process_holds_its_lock()
    {
        var layout = new StorageLayout(new StorageOptions(Store));
        var store = new FileJobStore(layout, new FileJobLocks(layout));
        var job = (await store.GetAsync(JobId.Parse("job-fixed-0001")))!;
        await store.SaveAsync(job with { Status = JobStatus.Running, FinishedAt = null });

        var interrupted = await CliRunner.RunAsync("jobs", "list", "--limit", "1", "--storage-path", Store);
        interrupted.OutputLines[0].Should().EndWith("  interrupted");

        using (new FileJobLocks(layout).Acquire(job.Id))
        {
            var running = await CliRunner.RunAsync("jobs", "list", "--limit", "1", "--storage-path", Store);
            running.OutputLines[0].Should().EndWith("  running");
        }
    }

    [Test]
    public async Task The_store_comes_from_the_environment_when_no_option_is_given()
    {
        var environment = new Dictionary<string, string> { [StorageOptions.EnvironmentVariable] = Store };

        var result = await CliRunner.RunAsync(environment, "jobs", "list");

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().HaveCount(5);
    }

    [Test]
    public async Task An_empty_store_lists_nothing_and_says_so_on_stderr()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--storage-path", Directory.CreateDirectory(Path.Combine(Temp.Path, "empty")).FullName);

        result.ExitCode.Should().Be(0);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Equal("No jobs found.");
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task No_history_yet_under_the_default_path_is_not_an_error()
    {
        using var project = new TempDirectory();

        var result = await PerstackProcess.RunAsync(project.Path, (IReadOnlyDictionary<string, string>?)null, "jobs", "list");

        result.ExitCode.Should().Be(0);
        result.ErrorLines.Should().Equal("No jobs found.");
    }

    [TestCase("jobs", "list")]
    [TestCase("jobs", "show", "job-fixed-0001")]
    [TestCase("jobs", "export", "job-fixed-0001")]
    [TestCase("jobs", "delete", "job-fixed-0001", "--yes")]
    [TestCase("jobs", "prune", "--keep", "1", "--yes")]
    [TestCase("jobs", "title", "job-fixed-0001", "x")]
    [TestCase("jobs", "fork", "job-fixed-0001", "--from", "abc")]
    [TestCase("log")]
    [TestCase("start")]
    public async Task A_storage_path_that_is_missing_or_a_file_is_named_in_one_line(params string[] args)
    {
        var missing = Path.Combine(Temp.Path, "typo");
        var file = Path.Combine(Temp.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var viaFlag = await CliRunner.RunAsync([.. args, "--storage-path", missing]);
        var viaEnvironment = await CliRunner.RunAsync(new Dictionary<string, string> { ["PERSTACK_STORAGE_PATH"] = file }, args);

        viaFlag.ExitCode.Should().Be(1);
        viaFlag.ErrorLines.Should().Equal($"Error: Storage path {missing} (from --storage-path) does not exist");
        viaEnvironment.ExitCode.Should().Be(1);
        viaEnvironment.ErrorLines.Should().Equal($"Error: Storage path {file} (from PERSTACK_STORAGE_PATH) is a file, not a folder");
        Directory.Exists(missing).Should().BeFalse("nothing is created");
    }
}
