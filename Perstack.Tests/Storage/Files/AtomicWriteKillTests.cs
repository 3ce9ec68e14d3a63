using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Storage.Files;

/// <summary>
/// A writer killed at any moment leaves every job.json and checkpoint either absent, old or new, never partial.
/// StoreWriter children rewrite job.json and add checkpoints with growing payloads and are killed 32 times at
/// pseudo-random moments (fixed seeds). Four jobs are written side by side to keep the test short, so every
/// listing also runs while other writers are live.
/// </summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed class AtomicWriteKillTests
{
    private const int Lanes = 4;
    private const int KillsPerLane = 8;
    private const int Seed = 7_310_873;

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    [CancelAfter(120_000)]
    public async Task Killed_writers_never_leave_a_partial_job_or_checkpoint(CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(1, Lanes).Select(lane => JobId.Parse($"killed-writer-{lane}")).ToList();
        foreach (var job in jobs)
        {
            // Written up front so no job folder is ever seen without its job.json (the writer takes the lock first).
            await _stores.Jobs.SaveAsync(TestData.Job(job.Value, status: JobStatus.Running) with { TotalSteps = 0 }, cancellationToken);
        }

        var results = await Task.WhenAll(jobs.Select((job, lane) => KillRepeatedlyAsync(job, new Random(Seed + lane), cancellationToken)));

        var final = await _stores.Jobs.ListAsync(cancellationToken);
        final.Problems.Should().BeEmpty();
        final.Items.Select(j => j.Id).Should().BeEquivalentTo(jobs);
        await TestContext.Out.WriteLineAsync(
            $"{Lanes * KillsPerLane} kills, {results.Sum(r => r.Steps)} steps written, {results.Sum(r => r.TempFiles)} temp files left behind by kills");
    }

    private async Task<(long Steps, int TempFiles)> KillRepeatedlyAsync(JobId jobId, Random random, CancellationToken cancellationToken)
    {
        var verified = new HashSet<CheckpointId>();
        long lastTotalSteps = 0;
        int tempFilesSeen = 0;

        for (int kill = 1; kill <= KillsPerLane; kill++)
        {
            using (var writer = await StoreWriterProcess.StartAsync("write", _temp.Path, jobId.Value, "ready", cancellationToken))
            {
                await Task.Delay(random.Next(5, 81), cancellationToken);
                writer.HasExited.Should().BeFalse("the writer loops until it is killed");
                await writer.KillAsync(cancellationToken);
            }

            var because = $"after kill {kill} of {jobId}";
            var listing = await _stores.Jobs.ListAsync(cancellationToken);
            listing.Problems.Should().BeEmpty(because);
            var job = listing.Items.Should().ContainSingle(j => j.Id == jobId).Subject;
            job.TotalSteps.Should().BeGreaterThanOrEqualTo(lastTotalSteps + 1, "every writer completes a step before it is killed");
            job.UnknownFields!["padding"].GetString().Should().Be(Payload(job.TotalSteps, (char)('a' + (job.TotalSteps % 26))), because);
            lastTotalSteps = job.TotalSteps;

            var checkpoints = await _stores.Checkpoints.ListAsync(jobId, cancellationToken);
            checkpoints.Problems.Should().BeEmpty(because);
            checkpoints.Items.Select(c => c.StepNumber).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
            checkpoints.Items.Select(c => c.Sequence).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder("steps were written in order");

            // The writer saves job.json (totalSteps = n) before the checkpoint of step n.
            var lastStep = checkpoints.Items[^1].StepNumber;
            job.TotalSteps.Should().BeOneOf(lastStep, lastStep + 1);

            foreach (var summary in checkpoints.Items.Where(s => !verified.Contains(s.Id)))
            {
                var checkpoint = await _stores.Checkpoints.GetAsync(jobId, summary.Id, cancellationToken);
                var part = checkpoint!.Messages.Should().ContainSingle().Which.Contents.Should().ContainSingle().Which;
                part.Should().BeOfType<TextPart>().Which.Text.Should().Be(Payload(summary.StepNumber, 'x'), because);
                verified.Add(summary.Id);
            }

            // Temp files of the killed write may remain; taking the job's lock clears them.
            tempFilesSeen += TempFiles(jobId).Count;
            using (_stores.Locks.Acquire(jobId))
            {
                TempFiles(jobId).Should().BeEmpty();
            }
        }

        verified.Count.Should().BeGreaterThanOrEqualTo(KillsPerLane);
        return (lastTotalSteps, tempFilesSeen);
    }

    private static string Payload(long step, char filler) => new(filler, (int)Math.Min(step * 512, 64 * 1024));

    private List<string> TempFiles(JobId jobId) =>
        Directory.EnumerateFiles(_stores.Layout.JobDirectory(jobId), "*.tmp", SearchOption.AllDirectories).ToList();
}
