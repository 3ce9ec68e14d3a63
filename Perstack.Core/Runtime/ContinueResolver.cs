using Perstack.Core.Domain;
using Perstack.Core.Runs;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>The continue/resume rules: which stored checkpoint a run starts from, with the exact user-facing errors.</summary>
public sealed class ContinueResolver
{
    private readonly IJobStore _jobs;
    private readonly ICheckpointStore _checkpoints;
    private readonly IJobLocks _locks;

    /// <summary>Creates the resolver.</summary>
    public ContinueResolver(IJobStore jobs, ICheckpointStore checkpoints, IJobLocks locks)
    {
        _jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
    }

    /// <summary>The checkpoint to continue from, or null for a new job.</summary>
    public async Task<Checkpoint?> ResolveAsync(StartPoint start, string expertKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        JobId jobId;
        switch (start)
        {
            case StartPoint.NewJob:
                return null;
            case StartPoint.Job job:
                jobId = job.Id;
                break;
            case StartPoint.Checkpoint checkpointStart:
                jobId = checkpointStart.JobId;
                break;
            case StartPoint.Latest:
                var jobs = await _jobs.ListAsync(cancellationToken).ConfigureAwait(false);
                jobId = jobs.Items.Count == 0
                    ? throw new PerstackException("No runs found")
                    : jobs.Items.MaxBy(j => j.LastActivityAt)!.Id;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(start), start, "Unknown start point");
        }

        // A job another process runs has no settled checkpoint to continue from (and maybe none yet): say so.
        if (_locks.IsHeld(jobId))
        {
            throw new JobLockedException(jobId);
        }

        Checkpoint checkpoint;
        if (start is StartPoint.Checkpoint { Id: var checkpointId })
        {
            checkpoint = await _checkpoints.GetAsync(jobId, checkpointId, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Checkpoint {checkpointId} not found in job {jobId}");
        }
        else
        {
            var listing = await _checkpoints.ListAsync(jobId, cancellationToken).ConfigureAwait(false);
            var latest = Latest(listing.Items) ?? throw new PerstackException($"No checkpoints found for job {jobId}");
            checkpoint = await _checkpoints.GetAsync(jobId, latest.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Checkpoint {latest.Id} not found in job {jobId}");
        }

        return checkpoint.Expert.Key == expertKey || await IsDelegateOfAsync(checkpoint, expertKey, cancellationToken).ConfigureAwait(false)
            ? checkpoint
            : throw new PerstackException($"Checkpoint expert key {checkpoint.Expert.Key} does not match input expert key {expertKey}");
    }

    /// <summary>
    /// Whether <paramref name="checkpoint"/> belongs to a delegate working for <paramref name="expertKey"/> (directly or
    /// through other delegates), as after a run stopped mid-delegation. Continuing it as that expert resumes the
    /// delegate, and the runner then returns each finished delegate to its parent up to that expert.
    /// </summary>
    private async Task<bool> IsDelegateOfAsync(Checkpoint checkpoint, string expertKey, CancellationToken cancellationToken)
    {
        var seen = new HashSet<CheckpointId> { checkpoint.Id };
        for (var by = checkpoint.DelegatedBy; by is not null && seen.Add(by.CheckpointId);)
        {
            if (by.Expert.Key == expertKey)
            {
                return true;
            }

            var parent = await _checkpoints.GetAsync(checkpoint.JobId, by.CheckpointId, cancellationToken).ConfigureAwait(false);
            by = parent?.DelegatedBy;
        }

        return false;
    }

    /// <summary>
    /// The job's latest checkpoint: the most recently written one (after a fork that is the new branch's tip), or
    /// for histories without a recorded write order, the highest step.
    /// </summary>
    public static CheckpointSummary? Latest(IReadOnlyList<CheckpointSummary> checkpoints) =>
        checkpoints is null ? throw new ArgumentNullException(nameof(checkpoints)) : checkpoints.Any(c => c.Sequence is not null)
            ? checkpoints.MaxBy(c => c.Sequence ?? 0)
            : checkpoints.Count == 0 ? null : checkpoints[^1];
}
