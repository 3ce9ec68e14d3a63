using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Runtime;

/// <summary>The job's own record: job.json at the start and the end of an invocation, and its writes committed before the lock goes.</summary>
public sealed partial class JobRunner
{
    private async Task CommitQuietlyAsync()
    {
        try
        {
            await _commits.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A write that failed after the error being reported; that error says more.
        }
    }

    private async Task<Job> StartJobAsync(JobRunRequest request)
    {
        long now = _clock.Now.ToUnixTimeMilliseconds();
        var existing = await _jobs.GetAsync(request.JobId).ConfigureAwait(false);
        var job = existing is null
            ? new Job
            {
                Id = request.JobId,
                Status = JobStatus.Running,
                CoordinatorExpertKey = request.ExpertKey,
                TotalSteps = 0,
                MaxSteps = request.MaxSteps,
                Usage = Usage.Empty,
                StartedAt = now,
                UpdatedAt = now,
            }
            : existing with { Status = JobStatus.Running, FinishedAt = null, MaxSteps = request.MaxSteps ?? existing.MaxSteps, UpdatedAt = now };
        await _jobs.SaveAsync(job, CancellationToken.None).ConfigureAwait(false);
        return job;
    }

    private async Task<Job> CurrentAsync(Job fallback) => await _jobs.GetAsync(fallback.Id).ConfigureAwait(false) ?? fallback;

    private async Task FinishJobAsync(Job job, CheckpointStatus status)
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
