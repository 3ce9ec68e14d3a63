using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs;

/// <summary>
/// Job locks as an exclusive OS lock (flock on Unix, a share-none handle on Windows) on
/// <c>jobs/&lt;jobId&gt;/.lock</c>. The OS drops the lock when the holder dies, so stale locks cannot exist.
/// </summary>
public sealed class FileJobLocks : IJobLocks
{
    private readonly StorageLayout _layout;

    /// <summary>Creates the lock manager.</summary>
    public FileJobLocks(StorageLayout layout) => _layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <inheritdoc />
    public IDisposable Acquire(JobId jobId)
    {
        Directory.CreateDirectory(_layout.JobDirectory(jobId));
        var handle = TryOpen(_layout.LockFile(jobId), FileMode.OpenOrCreate) ?? throw new JobLockedException(jobId);

        // We are now the only writer of this job: temp files left by a killed writer are garbage.
        AtomicFile.DeleteStaleTempFiles(_layout.JobDirectory(jobId));
        return handle;
    }

    /// <inheritdoc />
    public bool IsHeld(JobId jobId)
    {
        var path = _layout.LockFile(jobId);
        if (!File.Exists(path))
        {
            return false;
        }

        using var probe = TryOpen(path, FileMode.Open);
        return probe is null && File.Exists(path);
    }

    private static FileStream? TryOpen(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            // EWOULDBLOCK from flock / sharing violation: another handle holds the lock.
            return null;
        }
    }
}
