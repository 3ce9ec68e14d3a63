using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>
/// One writer per job: an OS-level exclusive lock held while a process runs the job. The OS releases it
/// when the process dies, so a killed process never blocks anyone.
/// </summary>
public interface IJobLocks
{
    /// <summary>Takes the job's lock for this process.</summary>
    /// <exception cref="JobLockedException">Another process holds it.</exception>
    IDisposable Acquire(JobId jobId);

    /// <summary>Whether some process (this one included) holds the job's lock now.</summary>
    bool IsHeld(JobId jobId);
}
