using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Crash safety of <c>perstack run</c> itself: real runs against the scripted LLM (each reply delayed) are killed with
/// SIGKILL a deterministic pseudo-random delay after a deterministic pseudo-random number of printed events, two at a time on different jobs of one store. Fresh jobs and
/// continued jobs are both killed, so kills land in job creation, run-setting/event/checkpoint/job.json writes and
/// LLM waits (the report counts kills by the last event the run had printed). After each kill every file parses and
/// loads, the job shows as interrupted (never running), and a continued run starts from the last complete
/// checkpoint; at the end every interrupted job resumes with <c>--continue-job</c> and completes, leaving no temp file.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed partial class RunKillTests : ReliabilityTest
{
    private const int Lanes = 2;
    private const int KillsPerLane = 28;

    protected override string Family => "Crash safety";

    [Test]
    [CancelAfter(420_000)]
    public async Task Runs_killed_at_any_moment_are_listed_interrupted_and_resume_to_completion(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Latency = TimeSpan.FromMilliseconds(120);
        var stores = new Stores(workspace.Store);

        var lanes = await Task.WhenAll(Enumerable.Range(0, Lanes).Select(lane =>
            new KillLane(workspace, stores, lane, new Random(Seed + 100 + lane)).RunAsync(KillsPerLane, cancellationToken)));

        var listing = await stores.Jobs.ListAsync(cancellationToken);
        listing.Problems.Should().BeEmpty();
        var killedJobs = lanes.SelectMany(l => l.Jobs).ToList();
        killedJobs.Where(j => !lanes.Any(l => l.NeverStarted.Contains(j))).Should().NotBeEmpty()
            .And.BeSubsetOf(listing.Items.Select(j => j.Id), "every job that wrote its job.json is listed");

        // Every interrupted job resumes from its last complete checkpoint and completes (two at a time).
        var resumable = listing.Items.Where(j => JobStatusText.Of(j, stores.Locks) == "interrupted").Select(j => j.Id).ToList();
        var noCheckpoint = new List<JobId>();
        var toResume = new List<(JobId Job, CheckpointSummary Last)>();
        foreach (var jobId in resumable)
        {
            var checkpoints = await stores.Checkpoints.ListAsync(jobId, cancellationToken);
            if (checkpoints.Items.Count == 0)
            {
                noCheckpoint.Add(jobId);
            }
            else
            {
                toResume.Add((jobId, checkpoints.Items.MaxBy(c => c.Sequence)!));
            }
        }

        using var gate = new SemaphoreSlim(Lanes);
        await Task.WhenAll(toResume.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await ResumeAsync(workspace, stores, item.Job, item.Last);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var jobId in noCheckpoint)
        {
            // Killed before its first step was stored: nothing to resume, and it says so on one line.
            var continued = await CliRunner.RunAsync("run", "fake-basic", "Go on", "--continue-job", jobId.Value,
                "--config", Path.Combine(workspace.Directory, "perstack.toml"), "--storage-path", workspace.Store);
            continued.ExitCode.Should().Be(1);
            continued.ErrorLines.Should().Equal($"No checkpoints found for job {jobId}");
        }

        int kills = lanes.Sum(l => l.Kills);
        var phases = lanes.SelectMany(l => l.Phases).GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value)}");
        Held(
            "SIGKILL of `perstack run` (fresh and continued jobs, LLM replies delayed 120 ms)",
            kills,
            $"{kills} kills ({lanes.Sum(l => l.FinishedFirst)} more runs finished before their kill); last event printed before the kill: {string.Join(", ", phases)}. " +
            $"After each: every file whole JSON, every object loads, job listed as interrupted or completed (never running), a continued run's first new checkpoint follows the last complete one. " +
            $"{toResume.Count} interrupted jobs resumed with --continue-job and completed, no temp file left in them; " +
            $"{noCheckpoint.Count} killed before their first checkpoint refuse to continue with one clear line; " +
            $"{lanes.Sum(l => l.NeverStarted.Count)} killed before job.json are not listed");
    }

    private static async Task ResumeAsync(RunWorkspace workspace, Stores stores, JobId jobId, CheckpointSummary last)
    {
        var resumed = await workspace.RunAsync("run", "fake-basic", "Please finish", "--continue-job", jobId.Value);
        resumed.ExitCode.Should().Be(0, resumed.Error);
        var sequence = RunWorkspace.Sequence(resumed);
        sequence[0].Should().Be($"startRun@{last.StepNumber + 1}/fake-basic", $"{jobId} resumes after its last complete checkpoint");
        sequence[^1].Should().StartWith("completeRun@");
        var job = await stores.Jobs.GetAsync(jobId);
        job!.Status.Should().Be(JobStatus.Completed);
        StoreAudit.ParseEveryFile(stores.Layout.JobDirectory(jobId), $"after resuming {jobId}").TempFiles.Should().Be(0, "the run took the lock, which clears stale temp files");
        await StoreAudit.LoadJobAsync(stores, jobId, $"after resuming {jobId}");
    }

    [GeneratedRegex("\"type\":\"(?<type>[A-Za-z]+)\"")]
    private static partial Regex EventType();

    /// <summary>One lane: kills runs of its own jobs one after another.</summary>
    private sealed class KillLane(RunWorkspace workspace, Stores stores, int lane, Random random)
    {
        public List<JobId> Jobs { get; } = [];

        public HashSet<JobId> NeverStarted { get; } = [];

        public Dictionary<string, int> Phases { get; } = [];

        public int Kills { get; private set; }

        public int FinishedFirst { get; private set; }

        public async Task<KillLane> RunAsync(int kills, CancellationToken cancellationToken)
        {
            JobId? current = null;
            for (int attempt = 1; Kills < kills; attempt++)
            {
                attempt.Should().BeLessThan(kills * 3, "most runs must still be alive when their kill comes");
                bool fresh = current is null || attempt % 4 == 1;
                var jobId = fresh ? JobId.Parse($"kill-{lane}-{attempt}") : current!.Value;
                var before = fresh ? null : (await stores.Checkpoints.ListAsync(jobId, cancellationToken)).Items.MaxBy(c => c.Sequence);
                string[] args = fresh
                    ? ["run", "fake-basic", "Say hello", "--job-id", jobId.Value]
                    : ["run", "fake-basic", "Go on", "--continue-job", jobId.Value];

                // A fake-basic run prints 10 events; kill after 0–9 of them, up to 1.5 s after the start or 150 ms after
                // an event (replies take 120 ms, so a kill may come during an LLM wait or the writes around a step).
                int afterEvents = random.Next(0, 10);
                var phase = await RunAndKillAsync(args, afterEvents, random.Next(0, afterEvents == 0 ? 1500 : 150), cancellationToken);
                if (phase is null)
                {
                    FinishedFirst++;
                }
                else
                {
                    Kills++;
                    Phases[phase] = Phases.GetValueOrDefault(phase) + 1;
                }

                if (fresh)
                {
                    Jobs.Add(jobId);
                }

                int checkpoints = await CheckAsync(jobId, before, $"after run {attempt} of lane {lane} ({phase ?? "finished"})");
                current = checkpoints > 0 ? jobId : current;
            }

            return this;
        }

        private async Task<int> CheckAsync(JobId jobId, CheckpointSummary? before, string because)
        {
            var directory = stores.Layout.JobDirectory(jobId);
            if (Directory.Exists(directory))
            {
                File.Exists(stores.Layout.JobFile(jobId)).Should().BeTrue($"a new job appears all at once, job.json included, {because}");
            }

            StoreAudit.ParseEveryFile(directory, because);
            int count = await StoreAudit.LoadJobAsync(stores, jobId, because);
            var job = await stores.Jobs.GetAsync(jobId);
            if (job is null)
            {
                count.Should().Be(0, because);
                NeverStarted.Add(jobId);
                return 0;
            }

            JobStatusText.Of(job, stores.Locks).Should().BeOneOf(["interrupted", "completed"], because);
            if (before is not null)
            {
                var added = (await stores.Checkpoints.ListAsync(jobId)).Items.Where(c => c.Sequence > before.Sequence).ToList();
                if (added.Count > 0)
                {
                    added.MinBy(c => c.Sequence)!.ParentCheckpointId.Should().Be(before.Id, $"a continued run starts from the last complete checkpoint, {because}");
                }
            }

            return count;
        }

        /// <summary>
        /// Runs <c>perstack</c> and kills it <paramref name="delayMs"/> after it printed its <paramref name="afterEvents"/>th
        /// event (after its start for 0), so kills follow the run's progress whatever the machine's speed. Returns the
        /// type of the last event printed before the kill, or null if the run finished first.
        /// </summary>
        private async Task<string?> RunAndKillAsync(string[] args, int afterEvents, int delayMs, CancellationToken cancellationToken)
        {
            using var process = ChildProcess.Start(PerstackProcess.StartInfo(workspace.Directory, workspace.Environment, args))!;
            process.StandardInput.Close();
            string phase = "startup";
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reader = Task.Run(async () =>
            {
                int lines = 0;
                while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
                {
                    phase = EventType().Match(line) is { Success: true } match ? match.Groups["type"].Value : phase;
                    if (++lines >= afterEvents)
                    {
                        reached.TrySetResult();
                    }
                }
            }, CancellationToken.None);
            if (afterEvents == 0)
            {
                reached.TrySetResult();
            }

            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var exited = process.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(exited, reached.Task) == reached.Task
                && await Task.WhenAny(exited, Task.Delay(delayMs, cancellationToken)) != exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
                await reader;
                await errors;
                return phase;
            }

            await exited;
            await reader;
            process.ExitCode.Should().Be(0, await errors);
            return null;
        }
    }
}
