using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// A job's checkpoint headers: the files in <c>checkpoints/</c>, each read once (header only) and then remembered in the
/// out-of-tree checkpoint index (<see cref="StoreCache.CheckpointIndexFile"/>), which is checked against the folder's
/// files (names, sizes and write times) on every read and rewritten when it no longer matches. Reading never writes
/// into the history.
/// </summary>
internal sealed class CheckpointCatalog
{
    private readonly StorageLayout _layout;

    /// <summary>Creates the catalog.</summary>
    public CheckpointCatalog(StorageLayout layout) => _layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>
    /// The job's readable checkpoint headers (in no order), the stamp of each one's file (see <see cref="CheckpointIndex.Stamp(FileInfo)"/>)
    /// and the files that could not be read; the cache is brought up to date (best effort) when it no longer matched.
    /// </summary>
    public async Task<CheckpointCatalogEntries> LoadAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var problems = new List<StoreProblem>();
        var onDisk = ListCheckpointFiles(jobId, problems);
        var index = ReadIndex(jobId);
        var known = new Dictionary<CheckpointId, CheckpointSummary>();
        foreach (var entry in index.Entries)
        {
            if (onDisk.TryGetValue(entry.Id, out var stamp) && entry.JobId == jobId
                && index.Stamps.TryGetValue(entry.Id.Value, out var indexed) && indexed == stamp)
            {
                known[entry.Id] = entry;
            }
        }

        bool changed = known.Count != index.Entries.Count;
        foreach (var id in onDisk.Keys)
        {
            if (known.ContainsKey(id))
            {
                continue;
            }

            var path = _layout.CheckpointFile(jobId, id);
            var summary = await ScanHeaderAsync(path, problems, cancellationToken).ConfigureAwait(false);
            if (summary is null)
            {
                continue;
            }

            if (summary.JobId != jobId || summary.Id != id)
            {
                problems.Add(new StoreProblem(path, $"it names checkpoint {summary.Id} of job {summary.JobId}"));
                continue;
            }

            known[id] = summary;
            changed = true;
        }

        var entries = known.Values.ToList();
        var stamps = known.Keys.ToDictionary(id => id.Value, id => onDisk[id]);
        if (changed && onDisk.Count > 0)
        {
            await TrySaveAsync(jobId, entries, stamps, cancellationToken).ConfigureAwait(false);
        }

        return new CheckpointCatalogEntries(entries, stamps, problems);
    }

    /// <summary>Remembers <paramref name="entries"/> in the cache (nothing happens when there is no writable cache).</summary>
    public async Task TrySaveAsync(JobId jobId, IReadOnlyCollection<CheckpointSummary> entries, IReadOnlyDictionary<string, string> stamps, CancellationToken cancellationToken)
    {
        if (_layout.Cache.CheckpointIndexFile(jobId) is not { } path)
        {
            return;
        }

        var index = new CheckpointIndex
        {
            Version = CheckpointIndex.CurrentVersion,
            Entries = [.. entries.OrderBy(e => e.Sequence ?? 0)],
            Stamps = new(stamps, StringComparer.Ordinal),
        };
        var content = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(index, StorageJsonContext.Default.CheckpointIndex);
        await _layout.Cache.TryWriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job's checkpoint files by id, each with its <see cref="CheckpointIndex.Stamp(FileInfo)"/>.</summary>
    private Dictionary<CheckpointId, string> ListCheckpointFiles(JobId jobId, List<StoreProblem> problems)
    {
        var files = new Dictionary<CheckpointId, string>();
        var directory = new DirectoryInfo(_layout.CheckpointsDirectory(jobId));
        if (!directory.Exists)
        {
            return files;
        }

        foreach (var file in directory.EnumerateFiles("*.json"))
        {
            if (AtomicFile.IsTempFile(file.Name))
            {
                continue;
            }

            if (CheckpointId.TryParse(Path.GetFileNameWithoutExtension(file.Name), out var id))
            {
                files[id] = CheckpointIndex.Stamp(file);
            }
            else
            {
                problems.Add(new StoreProblem(file.FullName, "the file name is not a valid checkpoint id"));
            }
        }

        return files;
    }

    private static async Task<CheckpointSummary?> ScanHeaderAsync(string path, List<StoreProblem> problems, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new StoreProblem(path, e.Message));
            return null;
        }

        var summary = CheckpointHeaderReader.TryRead(bytes, out var reason);
        if (summary is null)
        {
            problems.Add(new StoreProblem(path, reason ?? "unreadable"));
        }

        return summary;
    }

    private CheckpointIndex ReadIndex(JobId jobId)
    {
        var (index, _) = _layout.Cache.CheckpointIndexFile(jobId) is { } path
            ? JsonFile.Read(path, StorageJsonContext.Default.CheckpointIndex)
            : (null, null);

        // A missing, unreadable or foreign-version index is simply rebuilt from the files.
        return index is { Version: CheckpointIndex.CurrentVersion } ? index : new CheckpointIndex { Version = CheckpointIndex.CurrentVersion };
    }
}
