using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.App.Presentation;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Cli;

/// <summary>
/// A job is its checkpoints: a history written by today's TypeScript Perstack (no job.json, no run-setting.json, a run
/// per invocation and per delegate, step numbers shared by parallel delegates) lists, shows, logs and continues, marked
/// <c>(derived)</c>, and nothing is written into it unless a run continues a job.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class DerivedJobsTests
{
    private const string Delegation = "tsmaindelegation00000001";
    private const string Interrupted = "tsmaininterrupted0000001";

    private TempDirectory _temp = null!;
    private string _store = null!;

    private Dictionary<string, string> Environment => new() { ["XDG_CACHE_HOME"] = _temp.CacheHome };

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _store = Fixture.CopyTo(Fixture.TsMainRoot, Path.Combine(_temp.Path, "perstack"));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Jobs_without_job_json_are_listed_from_their_checkpoints_newest_first_and_marked_derived()
    {
        var before = TreeSnapshot.Take(_store);

        var list = await RunAsync("jobs", "list");

        list.ExitCode.Should().Be(0, list.Error);
        list.Error.Should().BeEmpty("no job.json is not a problem when the checkpoints tell the job");
        list.OutputLines.Should().Equal(
            $"fake-basic - 2 steps ({Interrupted}) ({TimeFormat.Local(1767000600000)})  interrupted (derived)",
            $"fake-coordinator - 4 steps ({Delegation}) ({TimeFormat.Local(1767000000000)})  completed (derived)");
        (await RunAsync("jobs", "list")).Output.Should().Be(list.Output, "the second listing (from the cache) agrees");
        TreeSnapshot.Take(_store).Should().Equal(before, "deriving a job never writes into the history");
    }

    [Test]
    public async Task The_derived_job_takes_the_coordinator_the_last_step_its_usage_and_times_from_the_event_names()
    {
        var json = await RunAsync("jobs", "list", "--json");

        json.ExitCode.Should().Be(0, json.Error);
        var job = JsonNode.Parse(json.Output)!.AsArray().Single(j => (string?)j!["id"] == Delegation)!;
        ((string?)job["status"]).Should().Be("completed");
        ((string?)job["coordinatorExpertKey"]).Should().Be("fake-coordinator", "the first checkpoint no one delegated, not a worker's");
        ((long?)job["totalSteps"]).Should().Be(4);
        ((long?)job["usage"]!["totalTokens"]).Should().Be(790, "the last checkpoint's cumulative usage");
        ((long?)job["startedAt"]).Should().Be(1767000000000, "the first event");
        ((long?)job["finishedAt"]).Should().Be(1767000000300, "the last event");
        ((bool?)job["derived"]).Should().BeTrue();
        var other = JsonNode.Parse(json.Output)!.AsArray().Single(j => (string?)j!["id"] == Interrupted)!;
        ((string?)other["status"]).Should().Be("running", "its last checkpoint is mid-step (shown as interrupted)");
        other["finishedAt"].Should().BeNull();
    }

    [Test]
    public async Task Show_and_log_work_and_the_corrupt_streaming_event_is_reported_and_skipped()
    {
        var before = TreeSnapshot.Take(_store);

        var show = await RunAsync("jobs", "show", Delegation);
        var log = await RunAsync("log", "--job", Delegation);
        var logJson = await RunAsync("log", "--job", Delegation, "--json");

        show.ExitCode.Should().Be(0, show.Error);
        show.OutputLines[0].Should().Be($"Job:      {Delegation} (derived from its checkpoints: it has no job.json)");
        show.OutputLines.Count(l => l.TrimStart().StartsWith("Step 3 (", StringComparison.Ordinal)).Should().Be(2, "two delegates ran step 3 in parallel");
        log.ExitCode.Should().Be(0, log.Error);
        log.Output.Should().Contain($"Job: {Delegation} (completed) (derived)");
        log.Output.Should().Contain("completeRun").And.Contain("stopRunByDelegate");
        log.Error.Should().Contain("streamRunResult.json", "the unparsable event file is reported");
        logJson.ExitCode.Should().Be(0, logJson.Error);
        ((bool?)JsonNode.Parse(logJson.Output)!["job"]!["derived"]).Should().BeTrue();
        TreeSnapshot.Take(_store).Should().Equal(before);
    }

    [Test]
    public async Task A_title_is_refused_until_a_run_continues_the_job()
    {
        var before = TreeSnapshot.Take(_store);

        var title = await RunAsync("jobs", "title", Delegation, "Mine");

        title.ExitCode.Should().Be(1);
        title.ErrorLines.Should().Equal($"Job {Delegation} has no job.json (it is derived from its checkpoints); continue it with perstack run --continue-job {Delegation} first");
        TreeSnapshot.Take(_store).Should().Equal(before);
    }

    [Test]
    public async Task Continue_picks_the_latest_derived_job_and_the_continuing_run_writes_its_job_json()
    {
        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.TsMainRoot, workspace.Store);

        var continued = await workspace.RunAsync("run", "fake-basic", "Please finish", "--continue");
        var delegation = await workspace.RunAsync("run", "fake-coordinator", "One more thing", "--continue-job", Delegation);

        continued.ExitCode.Should().Be(0, continued.Error);
        RunWorkspace.JobIdOf(continued).Should().Be(Interrupted, "--continue takes the job active last");
        RunWorkspace.Sequence(continued)[0].Should().Be("startRun@3/fake-basic");
        delegation.ExitCode.Should().Be(0, delegation.Error);
        RunWorkspace.Sequence(delegation)[0].Should().Be("startRun@5/fake-coordinator");
        RunWorkspace.Sequence(delegation)[^1].Should().StartWith("completeRun@");

        var list = await CliRunner.RunAsync(Environment, "jobs", "list", "--json", "--storage-path", workspace.Store);
        var jobs = JsonNode.Parse(list.Output)!.AsArray();
        foreach (var (id, expert, startedAt) in new[] { (Interrupted, "fake-basic", 1767000600000), (Delegation, "fake-coordinator", 1767000000000) })
        {
            File.Exists(Path.Combine(workspace.Store, "jobs", id, "job.json")).Should().BeTrue($"the run that continued {id} wrote its job.json");
            var job = jobs.Single(j => (string?)j!["id"] == id)!;
            ((string?)job["status"]).Should().Be("completed");
            ((string?)job["coordinatorExpertKey"]).Should().Be(expert);
            ((long?)job["startedAt"]).Should().Be(startedAt, "the derived start is kept");
            job["derived"].Should().BeNull();
        }
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Environment, [.. args, "--storage-path", _store]);
}
