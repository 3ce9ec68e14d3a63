namespace Perstack.Storage.Files;

/// <summary>
/// Crash-safe file replacement: write a temp file in the same folder, flush it to disk, rename it over the
/// target. A reader sees the old file or the new one, never a mix; a crash leaves at most a stale temp file,
/// which <see cref="DeleteStaleTempFiles"/> removes.
/// </summary>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteAsync(path, content, lastWriteUtc: null, cancellationToken);

    /// <summary>
    /// Atomically replaces (or creates) <paramref name="path"/> with <paramref name="content"/>, its write time set to
    /// <paramref name="lastWriteUtc"/> when given (so a caller knows the file's stamp without reading it back).
    /// </summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, DateTime? lastWriteUtc, CancellationToken cancellationToken = default)
    {
        var temp = CreateTempPath(path);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                if (lastWriteUtc is { } time)
                {
                    File.SetLastWriteTimeUtc(stream.SafeFileHandle, time);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (ArgumentOutOfRangeException e)
        {
            TryDelete(temp);
            throw FileTooLarge(path, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A new temp file name beside <paramref name="path"/> (its folder created if missing).</summary>
    internal static string CreateTempPath(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
    }

    /// <summary>
    /// .NET on Unix reports EFBIG (past a file size limit such as ulimit -f) as an argument error; it is an I/O failure
    /// like a full disk, and must reach the user as one.
    /// </summary>
    internal static IOException FileTooLarge(string path, ArgumentOutOfRangeException e) => new($"Cannot write {path}: File too large", e);

    /// <summary>Whether <paramref name="fileName"/> is one of our temp files.</summary>
    public static bool IsTempFile(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Deletes temp files left by crashed writers under <paramref name="directory"/>. Call only while
    /// holding the lock of the job the folder belongs to, so no live writer's temp file is removed.
    /// </summary>
    public static int DeleteStaleTempFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int deleted = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            if (IsTempFile(Path.GetFileName(file)) && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    internal static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
