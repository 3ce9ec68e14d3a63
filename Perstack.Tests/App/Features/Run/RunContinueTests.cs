using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Run;

/// <summary>Continue, resume and cancel: jobs written by the TypeScript runtime or by us carry on where they stopped.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunContinueTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    private JsonElement Job(string jobId) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Store, "jobs", jobId, "job.json"))).RootElement;

    [Test]
    public async Task A_job_written_by_the_TypeScript_runtime_continues_with_a_new_query()
    {
        Fixture.CopyTo(_workspace.Store);

        var result = await _workspace.RunAsync("run", "fake-basic", "One more thing", "--continue-job", "job-fixed-0001");

        result.ExitCode.Should().Be(0, result.Error);
        var sequence = RunWorkspace.Sequence(result);
        sequence[0].Should().Be("startRun@3/fake-basic");
        sequence[^1].Should().Be("completeRun@4/fake-basic");
        var job = Job("job-fixed-0001");
        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("totalSteps").GetInt64().Should().Be(4);
        job.GetProperty("startedAt").GetInt64().Should().Be(1795738495566, "startedAt never changes");
        job.GetProperty("usage").GetProperty("totalTokens").GetInt64().Should().BeGreaterThan(825, "usage carries on from the stored checkpoint");
    }

    [Test]
    public async Task Continue_picks_the_most_recently_updated_job()
    {
        Fixture.CopyTo(_workspace.Store);
        var ours = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(ours);

        var result = await _workspace.RunAsync("run", "fake-basic", "And again", "--continue");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.JobIdOf(result).Should().Be(jobId);
        RunWorkspace.Sequence(result)[0].Should().Be("startRun@3/fake-basic");
        Job(jobId).GetProperty("totalSteps").GetInt64().Should().Be(4, "totals are assigned from the last checkpoint, never summed");
    }

    [Test]
    public async Task Resume_from_an_earlier_checkpoint_forks_the_job_and_lists_the_branch_in_write_order()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);
        var step1 = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;

        var fork = await _workspace.RunAsync("run", "fake-basic", "Different question", "--continue-job", jobId, "--resume-from", step1);

        fork.ExitCode.Should().Be(0, fork.Error);
        RunWorkspace.Sequence(fork)[0].Should().Be("startRun@2/fake-basic");
        var show = await _workspace.RunAsync("jobs", "show", jobId, "--json");
        var steps = JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").EnumerateArray()
            .Select(c => c.GetProperty("stepNumber").GetInt64()).ToList();
        steps.Should().Equal([1, 2, 2], "the new query joins the tool result's turn, so the scripted model completes at once, as it does for the reference");
    }

    [Test]
    public async Task Jobs_show_gives_each_branch_its_totals_and_job_json_keeps_the_last_written()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);
        var step1 = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"continueToNextStep\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("checkpoint").GetProperty("id").GetString()!;
        var longer = await _workspace.RunAsync("run", "fake-basic", "And more", "--continue-job", jobId);
        longer.ExitCode.Should().Be(0, longer.Error);
        var longerTip = JsonDocument.Parse(longer.OutputLines[^1]).RootElement.GetProperty("checkpoint");

        var fork = await _workspace.RunAsync("run", "fake-basic", "Different question", "--continue-job", jobId, "--resume-from", step1);

        fork.ExitCode.Should().Be(0, fork.Error);
        var forkTip = JsonDocument.Parse(fork.OutputLines[^1]).RootElement.GetProperty("checkpoint");
        var job = Job(jobId);
        job.GetProperty("totalSteps").GetInt64().Should().Be(forkTip.GetProperty("stepNumber").GetInt64(), "job.json: the last written checkpoint's values, as the reference assigns them");
        job.GetProperty("usage").GetProperty("totalTokens").GetInt64().Should().Be(forkTip.GetProperty("usage").GetProperty("totalTokens").GetInt64());

        var show = await _workspace.RunAsync("jobs", "show", jobId);
        var longerTokens = longerTip.GetProperty("usage").GetProperty("totalTokens").GetInt64();
        show.OutputLines.Should().Contain("Branches: 2 (steps and usage above are the current branch's; each branch's totals below)");
        show.OutputLines.Should().Contain(l => l.Contains($"({forkTip.GetProperty("id").GetString()})", StringComparison.Ordinal) && l.EndsWith("(current)", StringComparison.Ordinal));
        show.OutputLines.Should().Contain(l => l.Contains($"({longerTip.GetProperty("id").GetString()})  completed  4 steps  {longerTokens} tokens", StringComparison.Ordinal));
        var branches = JsonDocument.Parse((await _workspace.RunAsync("jobs", "show", jobId, "--json")).Output).RootElement.GetProperty("branches");
        branches.EnumerateArray().Select(b => b.GetProperty("id").GetString()).Should().Equal(forkTip.GetProperty("id").GetString(), longerTip.GetProperty("id").GetString());
    }

    [Test]
    public async Task Ctrl_c_stops_cleanly_with_exit_130_and_the_job_can_be_continued()
    {
        _workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromSeconds(60)));
        using var process = ChildProcess.Start(PerstackProcess.StartInfo(_workspace.Directory, _workspace.Environment, "run", "fake-basic", "Say hello"))!;
        process.StandardInput.Close();
        var lines = new List<string>();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(line);
            if (line.Contains("\"startGeneration\"", StringComparison.Ordinal) && line.Contains("\"stepNumber\":2", StringComparison.Ordinal))
            {
                break;
            }
        }

        await _workspace.Server.WaitForRequestsAsync(2, TimeSpan.FromSeconds(20));
        using (var kill = ChildProcess.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(130);
        var jobId = JsonDocument.Parse(lines[0]).RootElement.GetProperty("jobId").GetString()!;
        error.Should().Be($"Cancelled by SIGINT: job {jobId} stopped; continue it with: perstack run fake-basic \"<query>\" --continue-job {jobId}\n");
        rest.Should().Contain("\"stopRunByError\"");
        Job(jobId).GetProperty("status").GetString().Should().Be("stoppedByError");
        var listing = await _workspace.RunAsync("jobs", "show", jobId, "--json");
        var checkpoints = JsonDocument.Parse(listing.Output).RootElement.GetProperty("checkpoints");
        checkpoints[checkpoints.GetArrayLength() - 1].GetProperty("error").GetProperty("name").GetString().Should().Be("Cancelled");

        var resumed = await _workspace.RunAsync("run", "fake-basic", "Please finish", "--continue-job", jobId);
        resumed.ExitCode.Should().Be(0, resumed.Error);
        RunWorkspace.Sequence(resumed)[^1].Should().StartWith("completeRun@");
    }

    [Test]
    public async Task A_second_process_on_the_same_job_gets_the_lock_error()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(60)));
        using var holder = ChildProcess.Start(PerstackProcess.StartInfo(_workspace.Directory, _workspace.Environment, "run", "fake-basic", "Hold it", "--continue-job", jobId))!;
        holder.StandardInput.Close();
        try
        {
            await _workspace.Server.WaitForRequestsAsync(4, TimeSpan.FromSeconds(20));

            var second = await _workspace.RunAsync("run", "fake-basic", "Me too", "--continue-job", jobId);

            second.ExitCode.Should().Be(1);
            second.ErrorLines.Should().Equal($"Job {jobId} is already running in another process");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }
    }
}
