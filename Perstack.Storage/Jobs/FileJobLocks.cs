using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs;

/// <summary>
/// Job locks: a <see cref="LockFile"/> at <c>jobs/&lt;jobId&gt;/.lock</c>, there only while a process holds the job (see
/// docs/storage.md, "Job locks"). The OS drops the lock when the holder dies, so stale locks cannot block anyone.
/// Taking a lock is a write to the store: the first one a process takes also clears the leftovers of killed writers
/// (<see cref="Leftovers"/>).
/// </summary>
public sealed class FileJobLocks : IJobLocks
{
    private readonly StorageLayout _layout;
    private int _swept;

    /// <summary>Creates the lock manager.</summary>
    public FileJobLocks(StorageLayout layout) => _layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <inheritdoc />
    /// <exception cref="PerstackException">The job does not exist (a new job is created with its lock by <see cref="IJobStore.CreateAsync"/>).</exception>
    public IDisposable Acquire(JobId jobId)
    {
        SweepLeftoversOnce();
        LockFile? held;
        try
        {
            held = LockFile.TryTake(_layout.LockFile(jobId));
        }
        catch (DirectoryNotFoundException)
        {
            throw new PerstackException($"Job {jobId} not found");
        }

        if (held is null)
        {
            throw new JobLockedException(jobId);
        }

        // We are now the only writer of this job: temp files left by a killed writer are garbage, and so is the
        // checkpoint index older versions kept in the history (it lives in the user's cache now).
        AtomicFile.DeleteStaleTempFiles(_layout.JobDirectory(jobId));
        AtomicFile.TryDelete(Path.Combine(_layout.JobDirectory(jobId), Leftovers.LegacyCheckpointIndexFileName));
        return held;
    }

    /// <inheritdoc />
    public bool IsHeld(JobId jobId) => LockFile.IsHeld(_layout.LockFile(jobId));

    /// <summary>Removes what killed writers left in <c>jobs/</c>, once per lock manager (one per command).</summary>
    internal void SweepLeftoversOnce()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            Leftovers.Sweep(_layout);
        }
    }
}
