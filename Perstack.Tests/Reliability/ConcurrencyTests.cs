using System.Diagnostics;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Several <c>perstack run</c> processes on one store: two continuing the same job (one wins, the other gets the
/// lock error and writes nothing), two jobs side by side, and 20 runs at once — nothing lost, nothing mixed.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class ConcurrencyTests : ReliabilityTest
{
    protected override string Family => "Concurrency";

    [Test]
    [CancelAfter(120_000)]
    public async Task Two_processes_continuing_one_job_one_wins_the_other_gets_the_lock_error(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);
        var job = JobId.Parse(jobId);
        var stores = new Stores(workspace.Store);
        int rounds = 0;
        for (int round = 1; round <= 2; round++)
        {
            // Slow replies (3 s per run) keep the winner inside its run while the loser, started at the same time,
            // tries: a loaded machine may start one process a second or more after the other.
            workspace.Server.Latency = TimeSpan.FromMilliseconds(1000);
            var before = (await stores.Checkpoints.ListAsync(job, cancellationToken)).Items.Count;
            var results = await Task.WhenAll(
                workspace.RunAsync("run", "fake-basic", $"Round {round} a", "--continue-job", jobId),
                workspace.RunAsync("run", "fake-basic", $"Round {round} b", "--continue-job", jobId));

            var winner = results.Should().ContainSingle(r => r.ExitCode == 0, $"round {round}: {string.Join(" / ", results.Select(r => r.Error))}").Subject;
            var loser = results.Should().ContainSingle(r => r.ExitCode == 1).Subject;
            loser.ErrorLines.Should().Equal($"Job {jobId} is already running in another process");
            loser.Output.Should().BeEmpty();
            RunWorkspace.Sequence(winner)[^1].Should().StartWith("completeRun@");
            var after = await stores.Checkpoints.ListAsync(job, cancellationToken);
            after.Problems.Should().BeEmpty();
            after.Items.Count.Should().Be(before + 2, "only the winner added its two steps");
            rounds++;
        }

        Held("Two processes continue the same job at once", rounds * 2,
            $"{rounds} rounds: exactly one run completes, the other exits 1 with \"Job … is already running in another process\" and writes nothing");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Twenty_parallel_runs_in_one_store_lose_nothing(CancellationToken cancellationToken)
    {
        const int Runs = 20;
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Latency = TimeSpan.FromMilliseconds(50);
        var stopwatch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i =>
            workspace.RunAsync("run", "fake-basic", $"Parallel {i}", "--job-id", $"parallel-{i}")));

        results.Should().OnlyContain(r => r.ExitCode == 0);
        var stores = new Stores(workspace.Store);
        var listing = await stores.Jobs.ListAsync(cancellationToken);
        listing.Problems.Should().BeEmpty();
        listing.Items.Should().HaveCount(Runs);
        long checkpoints = 0;
        long events = 0;
        for (int i = 0; i < Runs; i++)
        {
            var jobId = JobId.Parse($"parallel-{i}");
            var job = listing.Items.Single(j => j.Id == jobId);
            JobStatusText.Of(job, stores.Locks).Should().Be("completed");
            const int steps = 2;
            job.TotalSteps.Should().Be(steps);
            var stored = await stores.Checkpoints.ListAsync(jobId, cancellationToken);
            stored.Problems.Should().BeEmpty();
            stored.Items.Select(c => c.StepNumber).Should().Equal(Enumerable.Range(1, steps).Select(s => (long)s));
            stored.Items.Should().OnlyContain(c => c.JobId == jobId);
            checkpoints += stored.Items.Count;
            var runs = await stores.Events.ListRunsAsync(jobId, cancellationToken);
            var printed = results[i].OutputLines.Length;
            var saved = 0;
            foreach (var run in runs)
            {
                var list = await stores.Events.ListAsync(jobId, run, cancellationToken);
                list.Problems.Should().BeEmpty();
                saved += list.Items.Count;
            }

            saved.Should().Be(printed, $"every event {jobId} printed is stored in its own job");
            events += saved;
        }

        StoreAudit.ParseEveryFile(workspace.Store, "after the parallel runs").TempFiles.Should().Be(0);
        Held("20 runs at once in one store", Runs,
            $"all 20 jobs completed and listed with their own {checkpoints} checkpoints and {events} events (each equal to what the run printed), no problem, no temp file; {stopwatch.Elapsed.TotalSeconds:F0} s on this machine");
    }
}
