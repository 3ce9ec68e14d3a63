using System.Diagnostics;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Bench;

/// <summary>Wall time spent inside the stores (serialisation, atomic write, fsync, rename), by kind of file.</summary>
internal sealed class StorageTimings
{
    private long _jobTicks, _checkpointTicks, _eventTicks, _runSettingTicks, _commitTicks;
    private long _jobWrites, _checkpointWrites, _eventWrites, _runSettingWrites, _commits;

    public TimeSpan Job => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _jobTicks));

    public TimeSpan Checkpoint => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _checkpointTicks));

    public TimeSpan Event => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _eventTicks));

    public TimeSpan RunSetting => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _runSettingTicks));

    /// <summary>Time the runner waited for queued writes to reach the disk (at the end of each job, before its lock goes).</summary>
    public TimeSpan Commit => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks));

    public TimeSpan Total => Job + Checkpoint + Event + RunSetting + Commit;

    public long JobCalls => Interlocked.Read(ref _jobWrites);

    public long CheckpointCalls => Interlocked.Read(ref _checkpointWrites);

    public long EventCalls => Interlocked.Read(ref _eventWrites);

    public long RunSettingCalls => Interlocked.Read(ref _runSettingWrites);

    public void Reset()
    {
        _jobTicks = _checkpointTicks = _eventTicks = _runSettingTicks = _commitTicks = 0;
        _jobWrites = _checkpointWrites = _eventWrites = _runSettingWrites = _commits = 0;
    }

    /// <summary>Runs <paramref name="operation"/> (its synchronous part included) and adds its wall time.</summary>
    internal async Task<T> TimeAsync<T>(Func<Task<T>> operation, Kind kind)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            Add(kind, start);
        }
    }

    /// <summary>Runs <paramref name="operation"/> (its synchronous part included) and adds its wall time.</summary>
    internal async Task TimeAsync(Func<Task> operation, Kind kind)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await operation().ConfigureAwait(false);
        }
        finally
        {
            Add(kind, start);
        }
    }

    private void Add(Kind kind, long start)
    {
        long elapsed = Stopwatch.GetTimestamp() - start;
        switch (kind)
        {
            case Kind.Job: Interlocked.Add(ref _jobTicks, elapsed); Interlocked.Increment(ref _jobWrites); break;
            case Kind.Checkpoint: Interlocked.Add(ref _checkpointTicks, elapsed); Interlocked.Increment(ref _checkpointWrites); break;
            case Kind.Event: Interlocked.Add(ref _eventTicks, elapsed); Interlocked.Increment(ref _eventWrites); break;
            case Kind.Commit: Interlocked.Add(ref _commitTicks, elapsed); Interlocked.Increment(ref _commits); break;
            default: Interlocked.Add(ref _runSettingTicks, elapsed); Interlocked.Increment(ref _runSettingWrites); break;
        }
    }

    internal enum Kind
    {
        Job,
        Checkpoint,
        Event,
        RunSetting,
        Commit,
    }
}

/// <summary>Times the runner's waits for queued writes (what it forwards after a commit is not waited for).</summary>
internal sealed class TimedCommits(IStoreCommits inner, StorageTimings timings) : IStoreCommits
{
    public ValueTask AfterCommitAsync(Func<ValueTask> action) => inner.AfterCommitAsync(action);

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.CommitAsync(cancellationToken), StorageTimings.Kind.Commit);
}

/// <summary>Times every call of a job store (reads included: the runner reads job.json once per job).</summary>
internal sealed class TimedJobStore(IJobStore inner, StorageTimings timings) : IJobStore
{
    public Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.GetAsync(jobId, cancellationToken), StorageTimings.Kind.Job);

    public Task SaveAsync(Job job, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.SaveAsync(job, cancellationToken), StorageTimings.Kind.Job);

    public Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.CreateAsync(job, cancellationToken), StorageTimings.Kind.Job);

    public Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default) => inner.ListCachedAsync(cancellationToken);

    public Task<IReadOnlyList<Job>?> ListCachedHeadAsync(CancellationToken cancellationToken = default) => inner.ListCachedHeadAsync(cancellationToken);

    public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);
}

/// <summary>Times checkpoint saves.</summary>
internal sealed class TimedCheckpointStore(ICheckpointStore inner, StorageTimings timings) : ICheckpointStore
{
    public Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.GetAsync(jobId, checkpointId, cancellationToken), StorageTimings.Kind.Checkpoint);

    public Task<Checkpoint> SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.SaveAsync(checkpoint, cancellationToken), StorageTimings.Kind.Checkpoint);

    public Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.ListAsync(jobId, cancellationToken);

    public IReadOnlyList<JobId> FindJobs(CheckpointId checkpointId) => inner.FindJobs(checkpointId);
}

/// <summary>Times event saves.</summary>
internal sealed class TimedEventStore(IEventStore inner, StorageTimings timings) : IEventStore
{
    public Task SaveAsync(RunEvent runEvent, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.SaveAsync(runEvent, cancellationToken), StorageTimings.Kind.Event);

    public Task<IReadOnlyList<RunId>> ListRunsAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.ListRunsAsync(jobId, cancellationToken);

    public Task<StoreListing<EventSummary>> ListAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default) => inner.ListAsync(jobId, runId, cancellationToken);

    public Task<RunEvent?> GetAsync(EventSummary summary, CancellationToken cancellationToken = default) => inner.GetAsync(summary, cancellationToken);

    public Task<System.Text.Json.JsonDocument?> ReadJsonAsync(EventSummary summary, CancellationToken cancellationToken = default) => inner.ReadJsonAsync(summary, cancellationToken);
}

/// <summary>Times run-setting saves.</summary>
internal sealed class TimedRunSettingStore(IRunSettingStore inner, StorageTimings timings) : IRunSettingStore
{
    public Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(() => inner.SaveAsync(setting, cancellationToken), StorageTimings.Kind.RunSetting);

    public Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, runId, cancellationToken);
}
