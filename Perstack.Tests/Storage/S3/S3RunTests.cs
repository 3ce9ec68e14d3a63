using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary><c>perstack run</c> on a bucket of the real S3 test server: new jobs, continuations, forks and delegation.</summary>
[Category(TestCategories.ChildProcess)]
[Category(TestCategories.S3)]
public sealed class S3RunTests
{
    private RunWorkspace _workspace = null!;
    private S3TestBucket _bucket = null!;

    [SetUp]
    public async Task SetUp()
    {
        _workspace = RunWorkspace.Create();
        _bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        foreach (var (name, value) in S3SeededBucket.Environment(_bucket))
        {
            _workspace.Environment[name] = value;
        }
    }

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    private async Task<JsonElement> JobAsync(string jobId) =>
        JsonDocument.Parse((await _bucket.ReadAsync($"{S3SeededBucket.Prefix}/jobs/{jobId}/job.json"))!).RootElement;

    [Test]
    public async Task A_run_writes_the_folder_layout_under_the_prefix_and_nothing_on_disk()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(0, result.Error);
        var jobId = RunWorkspace.JobIdOf(result);
        var keys = await _bucket.KeysAsync();
        var job = $"{S3SeededBucket.Prefix}/jobs/{jobId}/";
        keys.Should().Contain(job + "job.json");
        var lease = $"{S3SeededBucket.Prefix}/.perstack/leases/{jobId}.json";
        keys.Should().Contain(lease, "the run held the job's lease (released, it stays: a few bytes)");
        keys.Where(k => k != lease).Should().OnlyContain(k => k.StartsWith(job, StringComparison.Ordinal));
        keys.Where(k => k.StartsWith(job + "checkpoints/", StringComparison.Ordinal)).Should().HaveCount(2);
        keys.Should().Contain(k => k.StartsWith(job + "runs/", StringComparison.Ordinal) && k.EndsWith("/run-setting.json", StringComparison.Ordinal));
        keys.Where(k => k.Contains("/event-", StringComparison.Ordinal)).Should().HaveCountGreaterThan(3);
        (await JobAsync(jobId)).GetProperty("status").GetString().Should().Be("completed");
        Directory.Exists(_workspace.Store).Should().BeFalse("the history is on S3");
        Directory.EnumerateFileSystemEntries(_workspace.Directory).Should().NotContain(e => Path.GetFileName(e) == "s3:");
    }

    [Test]
    public async Task Continue_continue_job_and_resume_from_carry_on_from_the_bucket()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        var jobId = RunWorkspace.JobIdOf(first);
        var step1 = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;

        var again = await _workspace.RunAsync("run", "fake-basic", "And again", "--continue");
        again.ExitCode.Should().Be(0, again.Error);
        RunWorkspace.JobIdOf(again).Should().Be(jobId);
        RunWorkspace.Sequence(again)[0].Should().Be("startRun@3/fake-basic");

        var byId = await _workspace.RunAsync("run", "fake-basic", "More", "--continue-job", jobId);
        byId.ExitCode.Should().Be(0, byId.Error);
        RunWorkspace.Sequence(byId)[0].Should().Be("startRun@5/fake-basic");

        var fork = await _workspace.RunAsync("run", "fake-basic", "Different question", "--continue-job", jobId, "--resume-from", step1);
        fork.ExitCode.Should().Be(0, fork.Error);
        RunWorkspace.Sequence(fork)[0].Should().Be("startRun@2/fake-basic");

        var show = await _workspace.RunAsync("jobs", "show", jobId, "--json");
        JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").EnumerateArray()
            .Select(c => c.GetProperty("sequence").GetInt64()).Should().BeEquivalentTo([1L, 2, 3, 4, 5, 6, 7]);
    }

    [Test]
    public async Task A_delegation_and_an_interactive_stop_continue_on_the_bucket()
    {
        var delegated = await _workspace.RunAsync("run", "fake-coordinator", "Delegate please");
        delegated.ExitCode.Should().Be(0, delegated.Error);
        RunWorkspace.Sequence(delegated).Should().Contain(s => s.StartsWith("callDelegate@", StringComparison.Ordinal));
        (await JobAsync(RunWorkspace.JobIdOf(delegated))).GetProperty("status").GetString().Should().Be("completed");

        var asked = await _workspace.RunAsync("run", "fake-interactive", "Ask me");
        asked.ExitCode.Should().Be(0, asked.Error);
        var jobId = RunWorkspace.JobIdOf(asked);
        (await JobAsync(jobId)).GetProperty("status").GetString().Should().Be("stoppedByInteractiveTool");

        var answered = await _workspace.RunAsync("run", "fake-interactive", "blue", "--continue-job", jobId, "-i");
        answered.ExitCode.Should().Be(0, answered.Error);
        (await JobAsync(jobId)).GetProperty("status").GetString().Should().Be("completed");
    }

    [Test]
    public async Task A_bucket_that_does_not_exist_stops_the_run_in_one_line()
    {
        _workspace.Environment["PERSTACK_STORAGE_PATH"] = "s3://no-such-bucket-perstack/p";

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain("the bucket no-such-bucket-perstack does not exist");
    }
}
