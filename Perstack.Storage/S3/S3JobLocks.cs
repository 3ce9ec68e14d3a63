using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary>
/// One writer per job within this process, for a history in a bucket. The registration point for the lease-based
/// <see cref="IJobLocks"/> (a lease object per job, conditional writes) that holds it across machines: until that is
/// registered in Composition instead, two machines are not kept from writing one job at once.
/// </summary>
public sealed class S3JobLocks : IJobLocks
{
    private readonly HashSet<JobId> _held = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public IDisposable Acquire(JobId jobId)
    {
        lock (_gate)
        {
            return _held.Add(jobId) ? new Held(this, jobId) : throw new JobLockedException(jobId);
        }
    }

    /// <inheritdoc />
    public bool IsHeld(JobId jobId)
    {
        lock (_gate)
        {
            return _held.Contains(jobId);
        }
    }

    private sealed class Held(S3JobLocks owner, JobId jobId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (owner._gate)
                {
                    owner._held.Remove(jobId);
                }
            }
        }
    }
}
