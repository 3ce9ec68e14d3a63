using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;
using Perstack.Tests.Core.Runtime;

namespace Perstack.Tests.Storage;

/// <summary>A run through write-behind stores (as the app runs): listeners never see an event before its files exist.</summary>
public sealed class WriteBehindStoresTests
{
    private TempDirectory _temp = null!;
    private StorageLayout _layout = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _layout = new StorageLayout(new StorageOptions(Path.Combine(_temp.Path, "perstack")) { CacheHome = _temp.CacheHome });
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static Expert Expert(string key, string instruction, params string[] delegates) =>
        TestExperts.Create(key, instruction, ["attemptCompletion", "think"], delegates);

    /// <summary>The coordinator thinks, delegates to two workers at once, then completes; workers complete at once.</summary>
    private static ExpertChatClient Script() => new((system, messages, options, _) =>
    {
        bool coordinator = system.Contains("COORD:", StringComparison.Ordinal);
        if (options?.Tools is null)
        {
            return Task.FromResult(ExpertChatClient.Text(coordinator ? "all done" : "worker answer"));
        }

        if (!coordinator)
        {
            return Task.FromResult(ExpertChatClient.Calls(("attemptCompletion", null!)));
        }

        int results = messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Count();
        return Task.FromResult(results switch
        {
            0 => ExpertChatClient.Calls(("think", "plan")),
            1 => ExpertChatClient.Calls(("worker-a", "part A"), ("worker-b", "part B")),
            _ => ExpertChatClient.Calls(("attemptCompletion", null!)),
        });
    });

    [Test]
    public async Task Every_event_reaches_the_listeners_only_after_its_file_and_its_checkpoint_are_on_disk()
    {
        var experts = new[] { Expert("coord", "COORD: plan, delegate, finish", "worker-a", "worker-b"), Expert("worker-a", "WORKER-A"), Expert("worker-b", "WORKER-B") }
            .ToDictionary(e => e.Key);
        var locks = new FileJobLocks(_layout);
        var listener = new OnDiskCheck(_layout);
        var jobId = JobId.New();
        Checkpoint final;
        var stores = new WriteBehindStores(_layout, locks);
        await using (stores)
        {
            var runner = new JobRunner(new FixedRunStoresFactory(stores.Jobs, stores.Checkpoints, stores.Events, stores.RunSettings, stores.Commits), locks, TimeProvider.System);
            final = await runner.RunAsync(
                new JobRunRequest
                {
                    JobId = jobId,
                    ExpertKey = ExpertKey.Parse("coord"),
                    Input = new RunInput { Text = "Do it" },
                    Experts = experts,
                    Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = "claude-sonnet-4-5" },
                    Provider = new ProviderConfig { ProviderName = "anthropic" },
                    WorkingDirectory = _temp.Path,
                },
                Script(),
                new SkillSetFactory(new BaseSkillOptions(_temp.Path)),
                listener);

            // Returned: everything is on disk and the lock is free, before the stores are even disposed.
            locks.IsHeld(jobId).Should().BeFalse();
            var job = await new FileJobStore(_layout, locks).GetAsync(jobId);
            job!.Status.Should().Be(JobStatus.Completed);
            job.TotalSteps.Should().Be(final.StepNumber);
        }

        final.Status.Should().Be(CheckpointStatus.Completed);
        listener.Problems.Should().BeEmpty();
        listener.Seen.Should().BeGreaterThan(15);
        listener.Seen.Should().Be(Directory.GetFiles(_layout.JobDirectory(jobId), "event-*.json", SearchOption.AllDirectories).Length);
        Directory.GetFiles(_layout.JobDirectory(jobId), "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();

        // The index the run left in the cache names each checkpoint with its file's real stamp: listing needs no rescan.
        var index = File.ReadAllText(_layout.Cache.CheckpointIndexFile(jobId)!);
        using var checkpoints = new FileCheckpointStore(_layout);
        var listing = await checkpoints.ListAsync(jobId);
        listing.Problems.Should().BeEmpty();
        listing.Items.Should().HaveCount(Directory.GetFiles(_layout.CheckpointsDirectory(jobId)).Length);
        foreach (var file in new DirectoryInfo(_layout.CheckpointsDirectory(jobId)).GetFiles())
        {
            index.Should().Contain($"\"{CheckpointIndex.Stamp(file)}\"", file.Name);
        }
    }

    [Test]
    public async Task A_write_that_fails_after_the_last_step_still_leaves_the_job_stopped_not_running()
    {
        var experts = new[] { Expert("solo", "SOLO: finish") }.ToDictionary(e => e.Key);
        var locks = new FileJobLocks(_layout);
        var jobId = JobId.New();
        File.WriteAllText(Path.Combine(_temp.Path, "a-file"), "x");
        var blocked = Path.Combine(_temp.Path, "a-file", "cannot.json");
        var stores = new WriteBehindStores(_layout, locks);
        await using (stores)
        {
            // Queued right after completeRun, so the job's final status is queued behind a write that fails.
            var events = new FailingAfterCompletion(stores.Events, (StoreWriter)stores.Commits, blocked);
            var runner = new JobRunner(new FixedRunStoresFactory(stores.Jobs, stores.Checkpoints, events, stores.RunSettings, stores.Commits), locks, TimeProvider.System);
            var run = () => runner.RunAsync(
                new JobRunRequest
                {
                    JobId = jobId,
                    ExpertKey = ExpertKey.Parse("solo"),
                    Input = new RunInput { Text = "Do it" },
                    Experts = experts,
                    Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = "claude-sonnet-4-5" },
                    Provider = new ProviderConfig { ProviderName = "anthropic" },
                    WorkingDirectory = _temp.Path,
                },
                Script(),
                new SkillSetFactory(new BaseSkillOptions(_temp.Path)),
                []);

            await run.Should().ThrowAsync<StoreWriteException>();
            locks.IsHeld(jobId).Should().BeFalse();
        }

        var job = await new FileJobStore(_layout, locks).GetAsync(jobId);
        job!.Status.Should().Be(JobStatus.StoppedByError);
    }

    /// <summary>Queues a write that fails just after the completeRun event's.</summary>
    private sealed class FailingAfterCompletion(IEventStore inner, StoreWriter writer, string blocked) : IEventStore
    {
        public async Task SaveAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
        {
            await inner.SaveAsync(runEvent, cancellationToken);
            if (runEvent is CompleteRunEvent)
            {
                await writer.WriteAsync(blocked, new byte[] { 1 }, null, cancellationToken);
            }
        }

        public Task<IReadOnlyList<RunId>> ListRunsAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.ListRunsAsync(jobId, cancellationToken);

        public Task<StoreListing<EventSummary>> ListAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default) => inner.ListAsync(jobId, runId, cancellationToken);

        public Task<RunEvent?> GetAsync(EventSummary summary, CancellationToken cancellationToken = default) => inner.GetAsync(summary, cancellationToken);

        public Task<System.Text.Json.JsonDocument?> ReadJsonAsync(EventSummary summary, CancellationToken cancellationToken = default) => inner.ReadJsonAsync(summary, cancellationToken);
    }

    /// <summary>At the moment it hears an event, checks the event's file and its checkpoint's file exist.</summary>
    private sealed class OnDiskCheck(StorageLayout layout) : IRunEventSink
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _perRunAndKind = [];

        public List<string> Problems { get; } = [];

        public int Seen { get; private set; }

        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Seen++;
                var directory = layout.RunDirectory(runEvent.JobId, runEvent.RunId);
                var key = $"{runEvent.RunId}/{runEvent.StepNumber}/{runEvent.Type}";
                int heard = _perRunAndKind[key] = _perRunAndKind.GetValueOrDefault(key) + 1;
                int onDisk = Directory.Exists(directory) ? Directory.GetFiles(directory, $"event-*-{runEvent.StepNumber}-{runEvent.Type}.json").Length : 0;
                if (onDisk < heard)
                {
                    Problems.Add($"{key}: heard {heard}, {onDisk} on disk");
                }

                var checkpoint = runEvent switch
                {
                    ContinueToNextStepEvent e => e.Checkpoint,
                    CompleteRunEvent e => e.Checkpoint,
                    StopRunByDelegateEvent e => e.Checkpoint,
                    StopRunByErrorEvent e => e.Checkpoint,
                    _ => null,
                };
                if (checkpoint is not null && !File.Exists(layout.CheckpointFile(checkpoint.JobId, checkpoint.Id)))
                {
                    Problems.Add($"{key}: checkpoint {checkpoint.Id} not on disk");
                }
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
