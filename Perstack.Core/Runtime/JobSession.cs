using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>The job's own record: job.json at the start and the end of an invocation, and its writes committed before the lock goes.</summary>
internal sealed class JobSession
{
    private readonly IJobStore _jobs;
    private readonly IJobLocks _locks;
    private readonly EventClock _clock;
    private readonly IStoreCommits _commits;

    public JobSession(IJobStore jobs, IJobLocks locks, EventClock clock, IStoreCommits commits)
    {
        _jobs = jobs;
        _locks = locks;
        _clock = clock;
        _commits = commits;
    }

    /// <summary>
    /// Waits for the run's queued writes. When one of them failed, everything queued after it was dropped, the job's
    /// final status included, so that status is written again (as stoppedByError) before the lock goes: a job is never
    /// left running. The failure is rethrown when <paramref name="reportFailure"/> (no other error is being reported).
    /// </summary>
    public async Task CommitBeforeReleaseAsync(JobId jobId, bool reportFailure)
    {
        try
        {
            await _commits.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await MarkStoppedQuietlyAsync(jobId).ConfigureAwait(false);
            if (reportFailure)
            {
                throw;
            }
        }
    }

    private async Task MarkStoppedQuietlyAsync(JobId jobId)
    {
        try
        {
            if (await _jobs.GetAsync(jobId).ConfigureAwait(false) is { Status: JobStatus.Running } job)
            {
                await FinishJobAsync(job, CheckpointStatus.StoppedByError).ConfigureAwait(false);
                await _commits.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptFileException)
        {
            // The disk refuses this write too; the job shows as interrupted once the lock is free, and can be continued.
        }
    }

    /// <summary>
    /// Takes the job for this run, its lock held and job.json saying <c>running</c>: a new job is created all at once
    /// (never a folder with only a lock in it); a continued one is locked, then marked running.
    /// </summary>
    public async Task<(IDisposable Lock, Job Job)> OpenJobAsync(JobRunRequest request)
    {
        long now = _clock.Now.ToUnixTimeMilliseconds();
        if (request.ContinueFrom is null)
        {
            var job = new Job
            {
                Id = request.JobId,
                Status = JobStatus.Running,
                CoordinatorExpertKey = request.ExpertKey.Value,
                TotalSteps = 0,
                MaxSteps = request.Limits.MaxSteps,
                Usage = Usage.Empty,
                StartedAt = now,
                UpdatedAt = now,
            };
            try
            {
                return (await _jobs.CreateAsync(job, CancellationToken.None).ConfigureAwait(false), job);
            }
            catch (JobExistsException e)
            {
                // The reference reopens the job and runs a new conversation into it (parentless step 1, totals
                // overwritten): refused, a deliberate divergence (docs/cli-reference.md). e.JobId is the stored job,
                // which may differ from the requested id by case.
                throw new PerstackException($"Job {e.JobId} already exists; continue it with --continue-job {e.JobId}");
            }
        }

        var jobLock = _locks.Acquire(request.JobId);
        try
        {
            var existing = await _jobs.GetAsync(request.JobId).ConfigureAwait(false);

            // A job derived from its checkpoints (no job.json) gets one now: a continuing run is the one writer it may have.
            var job = existing is null
                ? new Job { Id = request.JobId, Status = JobStatus.Running, CoordinatorExpertKey = request.ExpertKey.Value, MaxSteps = request.Limits.MaxSteps, Usage = Usage.Empty, StartedAt = now, UpdatedAt = now }
                : existing with { Status = JobStatus.Running, FinishedAt = null, MaxSteps = request.Limits.MaxSteps ?? existing.MaxSteps, UpdatedAt = now, IsDerived = false, ReadyToContinue = null };
            await _jobs.SaveAsync(job, CancellationToken.None).ConfigureAwait(false);
            return (jobLock, job);
        }
        catch
        {
            jobLock.Dispose();
            throw;
        }
    }

    public async Task<Job> CurrentAsync(Job fallback) => await _jobs.GetAsync(fallback.Id).ConfigureAwait(false) ?? fallback;

    /// <summary>Records a stored checkpoint's totals: its cumulative values, assigned, never summed.</summary>
    public async Task<Job> SaveTotalsAsync(Job job, Checkpoint checkpoint)
    {
        var updated = job with { TotalSteps = checkpoint.StepNumber, Usage = checkpoint.Usage, UpdatedAt = _clock.Now.ToUnixTimeMilliseconds() };
        await _jobs.SaveAsync(updated, CancellationToken.None).ConfigureAwait(false);
        return updated;
    }

    public async Task FinishJobAsync(Job job, CheckpointStatus status)
    {
        long now = _clock.Now.ToUnixTimeMilliseconds();
        var (jobStatus, finished) = status switch
        {
            CheckpointStatus.Completed => (JobStatus.Completed, (long?)now),
            CheckpointStatus.StoppedByInteractiveTool => (JobStatus.StoppedByInteractiveTool, null),
            CheckpointStatus.StoppedByExceededMaxSteps => (JobStatus.StoppedByMaxSteps, now),
            _ => (JobStatus.StoppedByError, now),
        };
        await _jobs.SaveAsync(job with { Status = jobStatus, FinishedAt = finished, UpdatedAt = now }, CancellationToken.None).ConfigureAwait(false);
    }
}
