using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Storage.S3;

/// <summary>
/// One writer per job across processes on a bucket, with real <c>perstack run</c> processes and the real S3 test
/// server: the lease wired as the job lock (races, a killed writer, a stalled writer taken over), and the refusal
/// to write where the server does not honour conditional writes.
/// </summary>
[Category(TestCategories.ChildProcess)]
[Category(TestCategories.S3)]
public sealed class S3LeaseRunTests
{
    // The shortest lease perstack.toml accepts: a killed writer's job is free again after it (plus a second).
    private const int LeaseSeconds = 5;

    private RunWorkspace _workspace = null!;

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task Two_processes_racing_to_continue_one_job_one_runs_and_the_other_is_refused()
    {
        await StartAsync(await S3TestServer.SharedAsync());
        var jobId = await FirstJobAsync();
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(60)));

        using var first = StartRun("First", jobId);
        using var second = StartRun("Second", jobId);
        try
        {
            var firstExit = first.WaitForExitAsync();
            var loser = await Task.WhenAny(firstExit, second.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60)) == firstExit ? first : second;
            var winner = ReferenceEquals(loser, first) ? second : first;

            loser.ExitCode.Should().Be(1);
            (await loser.StandardError.ReadToEndAsync()).Should().Be($"Job {jobId} is already running in another process\n");
            winner.HasExited.Should().BeFalse("the winner holds the job and waits for the model");
        }
        finally
        {
            await KillAsync(first);
            await KillAsync(second);
        }
    }

    [Test]
    public async Task A_server_without_conditional_writes_is_refused_in_one_line_unless_unsafe_writes_are_allowed()
    {
        var bucket = await StartAsync(await S3TestServer.WithoutConditionalWritesAsync());

        var refused = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: The S3 server of {bucket.Location(S3SeededBucket.Prefix)} does not honour conditional writes")
            .And.EndWith("To write anyway, set allowUnsafeWrites = true in perstack.toml's [storage] table");
        refused.OutputLines.Should().BeEmpty();
        (await bucket.KeysAsync()).Should().BeEmpty("nothing is written where one writer per job cannot be kept");

        await File.AppendAllTextAsync(Path.Combine(_workspace.Directory, "perstack.toml"), "allowUnsafeWrites = true\n");
        var allowed = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        allowed.ExitCode.Should().Be(0, allowed.Error);
        (await bucket.KeysAsync()).Should().Contain($"{S3SeededBucket.Prefix}/jobs/{RunWorkspace.JobIdOf(allowed)}/job.json");
    }

    [Test]
    public async Task A_writer_killed_mid_step_leaves_a_whole_job_that_continues_once_its_lease_lapses()
    {
        await StartAsync(await S3TestServer.SharedAsync());
        var jobId = await FirstJobAsync();
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(60)));
        using var killed = StartRun("Killed", jobId);
        await _workspace.Server.WaitForRequestsAsync(_workspace.Server.Requests.Count + 1, TimeSpan.FromSeconds(30));
        await KillAsync(killed);

        var show = await _workspace.RunAsync("jobs", "show", jobId, "--json");
        show.ExitCode.Should().Be(0, show.Error);
        JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);
        var early = await _workspace.RunAsync("run", "fake-basic", "Too soon", "--continue-job", jobId);
        early.ExitCode.Should().Be(1);
        early.ErrorLines.Should().Equal($"Job {jobId} is already running in another process");

        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 2));
        var resumed = await _workspace.RunAsync("run", "fake-basic", "Please finish", "--continue-job", jobId);

        resumed.ExitCode.Should().Be(0, resumed.Error);
        RunWorkspace.Sequence(resumed)[^1].Should().StartWith("completeRun@");
    }

    [Test]
    public async Task A_stalled_writer_whose_lease_was_taken_over_stops_in_one_line_before_writing_again()
    {
        var bucket = await StartAsync(await S3TestServer.SharedAsync());
        var jobId = await FirstJobAsync();
        // The stalled writer's model answers after the other process has taken the job over and finished.
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(LeaseSeconds * 4)));
        using var stalled = StartRun("Stalled", jobId);
        try
        {
            await _workspace.Server.WaitForRequestsAsync(_workspace.Server.Requests.Count + 1, TimeSpan.FromSeconds(30));
            Signal("STOP", stalled);
            await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 2));

            var taker = await _workspace.RunAsync("run", "fake-basic", "Taking over", "--continue-job", jobId);
            taker.ExitCode.Should().Be(0, taker.Error);
            var keysAfterTaker = await bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/");
            Signal("CONT", stalled);

            await stalled.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            stalled.ExitCode.Should().Be(1);
            var error = (await stalled.StandardError.ReadToEndAsync()).TrimEnd('\n');
            error.Should().Be($"Error: Job {jobId} was taken over by another process (this one did not renew its lease within {LeaseSeconds} s); "
                + $"stopped before writing more. The job stays continuable with --continue-job {jobId}");
            (await bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/")).Should().Equal(keysAfterTaker, "the stalled writer wrote nothing after losing its lease");
            var job = JsonDocument.Parse((await bucket.ReadAsync($"{S3SeededBucket.Prefix}/jobs/{jobId}/job.json"))!).RootElement;
            job.GetProperty("status").GetString().Should().Be("completed", "the job is as the process that took it over left it");
        }
        finally
        {
            await KillAsync(stalled);
        }
    }

    private async Task<S3TestBucket> StartAsync(S3TestServer server)
    {
        _workspace = RunWorkspace.Create();
        var bucket = await server.CreateBucketAsync();
        foreach (var (name, value) in S3SeededBucket.Environment(bucket))
        {
            _workspace.Environment[name] = value;
        }

        await File.AppendAllTextAsync(Path.Combine(_workspace.Directory, "perstack.toml"), $"\n[storage]\nleaseSeconds = {LeaseSeconds}\n");
        return bucket;
    }

    private async Task<string> FirstJobAsync()
    {
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        return RunWorkspace.JobIdOf(first);
    }

    private Process StartRun(string query, string jobId)
    {
        var process = ChildProcess.Start(PerstackProcess.StartInfo(_workspace.Directory, _workspace.Environment, "run", "fake-basic", query, "--continue-job", jobId));
        process.StandardInput.Close();
        return process;
    }

    private static void Signal(string signal, Process process)
    {
        using var kill = ChildProcess.Start("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        kill.WaitForExit();
        kill.ExitCode.Should().Be(0);
    }

    private static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }
}
