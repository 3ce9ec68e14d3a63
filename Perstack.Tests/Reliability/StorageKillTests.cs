using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Crash safety at the storage level: StoreWriter children write what a run writes (run settings, events,
/// checkpoints, job.json, payloads growing per step; half of them through a run's write-behind stores) and are killed with SIGKILL at deterministic pseudo-random
/// moments a few milliseconds apart, so kills land inside every kind of write. After each kill every file parses,
/// every object loads, the job shows as interrupted, and taking its lock clears the temp files the kill left.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class StorageKillTests : ReliabilityTest
{
    private const int Lanes = 4;
    private const int KillsPerLane = 36;

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    protected override string Family => "Crash safety";

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    [CancelAfter(300_000)]
    public async Task Writers_killed_in_every_write_phase_leave_a_readable_store(CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(1, Lanes).Select(lane => JobId.Parse($"storage-kill-{lane}")).ToList();

        // Half the lanes write as a run does (behind it, in groups), half write each file immediately.
        var lanes = await Task.WhenAll(jobs.Select((job, lane) => KillRepeatedlyAsync(job, lane % 2 == 0 ? "run-behind" : "run", new Random(Seed + lane), cancellationToken)));

        var listing = await _stores.Jobs.ListAsync(cancellationToken);
        listing.Problems.Should().BeEmpty();
        listing.Items.Select(j => j.Id).Should().BeEquivalentTo(jobs);
        listing.Items.Select(j => JobStatusText.Of(j, _stores.Locks)).Should().AllBe("interrupted");
        StoreAudit.ParseEveryFile(_temp.Path, "at the end").TempFiles.Should().Be(0);

        int kills = Lanes * KillsPerLane;
        Held(
            "SIGKILL of a store writer (run settings, events, checkpoints, job.json; written immediately and behind)",
            kills,
            $"{kills} kills at 5–120 ms, {lanes.Sum(l => l.Steps)} steps written, {lanes.Sum(l => l.Files)} file reads after kills: " +
            $"every file whole JSON, every object loads, job listed as interrupted; {lanes.Sum(l => l.Temps)} temp files left by kills, all removed by the next lock");
    }

    private async Task<(long Steps, long Files, int Temps)> KillRepeatedlyAsync(JobId jobId, string mode, Random random, CancellationToken cancellationToken)
    {
        long lastSteps = 0;
        long files = 0;
        int temps = 0;
        var jobDirectory = _stores.Layout.JobDirectory(jobId);
        var verified = new HashSet<string>();
        var loaded = new HashSet<string>();
        for (int kill = 1; kill <= KillsPerLane; kill++)
        {
            using (var writer = await StoreWriterProcess.StartAsync(mode, _temp.Path, jobId.Value, "ready", cancellationToken))
            {
                await Task.Delay(random.Next(5, 121), cancellationToken);
                await writer.KillAsync(cancellationToken);
            }

            var because = $"after kill {kill} of {jobId} ({mode})";
            var audit = StoreAudit.ParseEveryFile(jobDirectory, because, verified);
            files += audit.Files;
            temps += audit.TempFiles;
            await StoreAudit.LoadJobAsync(_stores, jobId, because, loaded);

            var job = await _stores.Jobs.GetAsync(jobId, cancellationToken);
            job.Should().NotBeNull(because);
            job!.TotalSteps.Should().BeGreaterThan(lastSteps, "every writer completes a step before it is killed");
            // The writer saves job.json (totalSteps = n) just before the checkpoint of step n.
            var last = (await _stores.Checkpoints.ListAsync(jobId, cancellationToken)).Items[^1];
            last.StepNumber.Should().BeOneOf([job.TotalSteps, job.TotalSteps - 1], because);
            JobStatusText.Of(job, _stores.Locks).Should().Be("interrupted", because);
            lastSteps = job.TotalSteps;

            using (_stores.Locks.Acquire(jobId))
            {
                StoreAudit.ParseEveryFile(jobDirectory, because).TempFiles.Should().Be(0, "taking the lock removes stale temp files");
            }
        }

        return (lastSteps, files, temps);
    }
}
