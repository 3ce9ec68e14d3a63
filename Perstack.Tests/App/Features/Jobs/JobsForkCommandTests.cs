using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

[Category(TestCategories.ChildProcess)]
public sealed class JobsForkCommandTests : FixtureCopyTests
{
    private static Dictionary<string, string> Snapshot(string jobDirectory) =>
        Directory.EnumerateFiles(jobDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("checkpoint-index.json" or ".lock"))
            .ToDictionary(f => Path.GetRelativePath(jobDirectory, f), File.ReadAllText);

    private JsonElement JobFile(string jobId) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Store, "jobs", jobId, "job.json"))).RootElement;

    [Test]
    public async Task Forking_a_TypeScript_checkpoint_makes_a_new_job_holding_that_checkpoint()
    {
        var before = Snapshot(Path.Combine(Store, "jobs", "gf13yre28vrnvqtt96gqls80"));

        var result = await CliRunner.RunAsync("jobs", "fork", "gf13yre28vrnvqtt96gqls80", "--from", "rbl9onz9mhpvvno3zj3afdbl", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        var newId = result.OutputLines.Should().ContainSingle().Subject;
        newId.Should().MatchRegex("^[a-z][a-z0-9]{23}$");
        var job = JobFile(newId);
        job.GetProperty("coordinatorExpertKey").GetString().Should().Be("fake-interactive");
        job.GetProperty("totalSteps").GetInt64().Should().Be(3);
        job.GetProperty("forkedFrom").GetProperty("jobId").GetString().Should().Be("gf13yre28vrnvqtt96gqls80");
        job.GetProperty("forkedFrom").GetProperty("checkpointId").GetString().Should().Be("rbl9onz9mhpvvno3zj3afdbl");

        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(Store, "jobs", newId, "checkpoints", "rbl9onz9mhpvvno3zj3afdbl.json"))).RootElement;
        checkpoint.GetProperty("jobId").GetString().Should().Be(newId);
        var original = JsonDocument.Parse(File.ReadAllText(Path.Combine(Store, "jobs", "gf13yre28vrnvqtt96gqls80", "checkpoints", "rbl9onz9mhpvvno3zj3afdbl.json"))).RootElement;
        checkpoint.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString())
            .Should().Equal(original.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Directory.GetFiles(Path.Combine(Store, "jobs", newId, "runs"), "run-setting.json", SearchOption.AllDirectories).Should().ContainSingle();
        Snapshot(Path.Combine(Store, "jobs", "gf13yre28vrnvqtt96gqls80")).Should().Equal(before, "the original is untouched");

        var show = await CliRunner.RunAsync("jobs", "show", newId, "--storage-path", Store);
        show.OutputLines.Should().Contain("Forked:   from job gf13yre28vrnvqtt96gqls80 at checkpoint rbl9onz9mhpvvno3zj3afdbl");
    }

    [Test]
    public async Task Forking_copies_the_chain_of_ancestors_and_not_other_branches()
    {
        var root = Path.Combine(Temp.Path, "synthetic");
        var stores = new Stores(root);
        var jobId = JobId.Parse("branchy");
        await stores.Jobs.SaveAsync(TestData.Job("branchy"));
        var c1 = await stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 1, "c1"));
        var c2 = await stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 2, "c2") with { ParentCheckpointId = c1.Id });
        await stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 3, "c3") with { ParentCheckpointId = c2.Id });
        await stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 2, "c2b") with { ParentCheckpointId = c1.Id, Status = CheckpointStatus.Completed });
        stores.Checkpoints.Dispose();

        var result = await CliRunner.RunAsync("jobs", "fork", "branchy", "--from", "c2b", "--storage-path", root);

        result.ExitCode.Should().Be(0, result.Error);
        var newId = result.OutputLines[0];
        var show = await CliRunner.RunAsync("jobs", "show", newId, "--json", "--storage-path", root);
        var checkpoints = JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").EnumerateArray().ToList();
        checkpoints.Select(c => c.GetProperty("id").GetString()).Should().Equal("c1", "c2b");
        checkpoints.Select(c => c.GetProperty("sequence").GetInt64()).Should().Equal(1, 2);
        checkpoints.Should().OnlyContain(c => c.GetProperty("jobId").GetString() == newId);
        var job = JsonDocument.Parse(show.Output).RootElement.GetProperty("job");
        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("totalSteps").GetInt64().Should().Be(2);
    }

    [Test]
    public async Task Unknown_jobs_and_checkpoints_and_bad_ids_are_one_line_errors()
    {
        (await CliRunner.RunAsync("jobs", "fork", "nosuchjob", "--from", "x1", "--storage-path", Store)).ErrorLines
            .Should().Equal("Job nosuchjob not found");
        (await CliRunner.RunAsync("jobs", "fork", "job-fixed-0001", "--from", "nosuchcheckpoint", "--storage-path", Store)).ErrorLines
            .Should().Equal("Checkpoint nosuchcheckpoint not found in job job-fixed-0001");
        var badCheckpoint = await CliRunner.RunAsync("jobs", "fork", "job-fixed-0001", "--from", "../../etc", "--storage-path", Store);
        badCheckpoint.ExitCode.Should().Be(1);
        badCheckpoint.ErrorLines.Should().ContainSingle().Which.Should().StartWith("Invalid checkpoint id \"../../etc\"");
        var missing = await CliRunner.RunAsync("jobs", "fork", "job-fixed-0001", "--storage-path", Store);
        missing.ExitCode.Should().Be(1);
        missing.ErrorLines[0].Should().Contain("--from");
        Directory.GetDirectories(Path.Combine(Store, "jobs")).Should().HaveCount(5, "nothing was created");
    }

    [Test]
    public async Task A_fork_continues_with_perstack_run_and_leaves_the_original_untouched()
    {
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        var original = RunWorkspace.JobIdOf(first);
        var step1 = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var before = Snapshot(Path.Combine(workspace.Store, "jobs", original));

        var fork = await workspace.RunAsync("jobs", "fork", original, "--from", step1);
        fork.ExitCode.Should().Be(0, fork.Error);
        var forked = fork.OutputLines.Should().ContainSingle().Subject;

        var continued = await workspace.RunAsync("run", "fake-basic", "Different question", "--continue-job", forked);

        continued.ExitCode.Should().Be(0, continued.Error);
        RunWorkspace.JobIdOf(continued).Should().Be(forked);
        var sequence = RunWorkspace.Sequence(continued);
        sequence[0].Should().Be("startRun@2/fake-basic");
        sequence[^1].Should().StartWith("completeRun@");
        var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Store, "jobs", forked, "job.json"))).RootElement;
        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("forkedFrom").GetProperty("jobId").GetString().Should().Be(original, "a continued fork keeps its origin");
        var show = await workspace.RunAsync("jobs", "show", forked, "--json");
        var checkpoints = JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").EnumerateArray().ToList();
        checkpoints[0].GetProperty("id").GetString().Should().Be(step1);
        checkpoints[1].GetProperty("parentCheckpointId").GetString().Should().Be(step1);
        Snapshot(Path.Combine(workspace.Store, "jobs", original)).Should().Equal(before, "the original job is untouched");
    }

    [Test]
    public async Task A_fork_from_the_middle_of_a_run_is_stored_paused_and_shown_ready_to_continue()
    {
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        var original = RunWorkspace.JobIdOf(first);
        var step1 = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;

        var forked = (await workspace.RunAsync("jobs", "fork", original, "--from", step1)).OutputLines.Single();

        // The reference's closed enum has no "not started": paused (no finishedAt), neither failed nor running.
        var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Store, "jobs", forked, "job.json"))).RootElement;
        job.GetProperty("status").GetString().Should().Be("stoppedByInteractiveTool");
        job.TryGetProperty("finishedAt", out _).Should().BeFalse();
        job.GetProperty("readyToContinue").GetBoolean().Should().BeTrue();
        (await workspace.RunAsync("jobs", "list")).OutputLines.Should().Contain(l => l.Contains(forked, StringComparison.Ordinal) && l.EndsWith("  forked · ready to continue", StringComparison.Ordinal));
        (await workspace.RunAsync("jobs", "list", "--status", "forked")).OutputLines.Should().ContainSingle().Which.Should().Contain(forked);
        (await workspace.RunAsync("jobs", "show", forked)).OutputLines.Should().Contain("Status:   forked · ready to continue");

        var continued = await workspace.RunAsync("run", "fake-basic", "Go on", "--continue-job", forked);

        continued.ExitCode.Should().Be(0, continued.Error);
        job = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Store, "jobs", forked, "job.json"))).RootElement;
        job.GetProperty("status").GetString().Should().Be("completed");
        job.TryGetProperty("readyToContinue", out _).Should().BeFalse("a run has continued it");
        (await workspace.RunAsync("jobs", "show", forked)).OutputLines.Should().Contain("Status:   completed");
    }
}
