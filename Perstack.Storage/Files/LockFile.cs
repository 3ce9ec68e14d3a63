using System.Text;

namespace Perstack.Storage.Files;

/// <summary>
/// An exclusive OS lock (flock on Unix, a share-none handle on Windows) on a file that exists only while it is held:
/// taking it creates the file, releasing it removes the file first. The OS drops the lock when the holder dies, so a
/// killed holder never blocks anyone (its file stays until the next holder takes and releases it).
/// </summary>
/// <remarks>
/// Removing a lock file has a well-known race: a process that opened the file before it was removed can still lock the
/// removed file after the holder lets go, while a third creates a new file at the path and locks that: two holders.
/// Two rules close it. The holder removes the file while it still holds the lock (never after). And a taker, once it
/// has the lock, writes a fresh token into its handle and reads the file back by its path: only if the token is there
/// is the locked file the one at the path; otherwise it locked a removed (or replaced) file, lets go and tries again.
/// So at any moment the file at the path is the one locked file its holder verified, and there is one holder.
/// Windows needs neither: a file open without delete sharing cannot be removed; the handle deletes it on close.
/// The token also names the holder (process id, host) for people looking at the file.
/// </remarks>
internal sealed class LockFile : IDisposable
{
    private const int MaxAttempts = 8;
    private readonly FileStream _stream;
    private string _path;

    private LockFile(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>Where the held file is now.</summary>
    public string Path => _path;

    /// <summary>
    /// Takes the lock at <paramref name="path"/>, creating the file; null when another holder has it. Never creates the
    /// folder: <see cref="DirectoryNotFoundException"/> when it does not exist.
    /// </summary>
    public static LockFile? TryTake(string path)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(
                    path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1,
                    OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                throw new DirectoryNotFoundException(e.Message, e);
            }
            catch (IOException)
            {
                return null; // EWOULDBLOCK from flock / a sharing violation: someone holds it
            }

            bool ours;
            try
            {
                ours = OperatingSystem.IsWindows() || Verify(stream, path);
            }
            catch
            {
                stream.Dispose(); // cannot even write the token (a full disk): that is the error to report
                throw;
            }

            if (ours)
            {
                return new LockFile(stream, path);
            }

            stream.Dispose(); // we locked a file its holder removed: the lock is on whatever is at the path now
        }

        return null;
    }

    /// <summary>Whether some process holds the lock at <paramref name="path"/> now; never creates or changes the file.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return File.Exists(path); // locked, unless it was just released (and removed)
        }
    }

    /// <summary>The held file was moved (its folder renamed by the holder): it is released at <paramref name="path"/>.</summary>
    public void MovedTo(string path) => _path = path;

    /// <summary>Removes the file, then lets go of the lock (in that order: see the remarks).</summary>
    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            AtomicFile.TryDelete(_path);
        }

        _stream.Dispose();
    }

    private static bool Verify(FileStream stream, string path)
    {
        var token = Encoding.UTF8.GetBytes($"pid {Environment.ProcessId} on {Environment.MachineName} {Guid.NewGuid():N}\n");
        stream.SetLength(0);
        stream.Write(token);
        stream.Flush();

        // Null when the path is gone or unreadable: not the file we hold.
        return UnlockedRead.TryRead(path, token.Length + 1) is { } back && back.AsSpan().SequenceEqual(token);
    }
}
