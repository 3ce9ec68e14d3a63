using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// <see cref="ICheckpointStore"/> over <c>jobs/&lt;jobId&gt;/checkpoints/&lt;id&gt;.json</c> (compact JSON).
/// Listing reads the job's header index and only scans the headers of files the index does not know
/// (written by the TypeScript runtime, or by a writer that crashed before updating the index).
/// </summary>
public sealed class FileCheckpointStore : ICheckpointStore, IDisposable
{
    private readonly StorageLayout _layout;

    // Saves read-modify-write the job's index; parallel delegates of one job save concurrently in one process.
    private readonly SemaphoreSlim _saveGate = new(1, 1);

    /// <summary>Creates the store.</summary>
    public FileCheckpointStore(StorageLayout layout) => _layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <inheritdoc />
    public async Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default)
    {
        var path = _layout.CheckpointFile(jobId, checkpointId);
        var checkpoint = await JsonFile.ReadOrThrowAsync(path, PerstackJson.Checkpoint, cancellationToken).ConfigureAwait(false);

        // As in ListAsync: a file naming another checkpoint or job is refused, or resuming from it would write
        // into that other job's folder.
        return checkpoint is null || (checkpoint.JobId == jobId && checkpoint.Id == checkpointId)
            ? checkpoint
            : throw new CorruptFileException(new StoreProblem(path, $"it names checkpoint {checkpoint.Id} of job {checkpoint.JobId}"));
    }

    /// <inheritdoc />
    public async Task<Checkpoint> SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listing = await LoadAsync(checkpoint.JobId, cancellationToken).ConfigureAwait(false);
            var entries = listing.Entries;
            entries.RemoveAll(e => e.Id == checkpoint.Id);
            long next = entries.Count == 0 ? 1 : entries.Max(e => e.Sequence ?? 0) + 1;
            var stored = checkpoint with { Sequence = checkpoint.Sequence ?? next };

            await JsonFile.WriteAsync(_layout.CheckpointFile(stored.JobId, stored.Id), stored, PerstackJson.Checkpoint, cancellationToken).ConfigureAwait(false);
            entries.Add(CheckpointSummary.From(stored));
            await WriteIndexAsync(stored.JobId, entries, cancellationToken).ConfigureAwait(false);
            return stored;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _saveGate.Dispose();

    /// <inheritdoc />
    public async Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        var (entries, problems) = await LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        entries.Sort(InListingOrder);
        return new StoreListing<CheckpointSummary>(entries, problems);
    }

    /// <summary>Step number, then write order; checkpoints without a recorded order (TypeScript) before ours, by id.</summary>
    internal static int InListingOrder(CheckpointSummary a, CheckpointSummary b)
    {
        int c = a.StepNumber.CompareTo(b.StepNumber);
        if (c == 0)
        {
            c = (a.Sequence ?? 0).CompareTo(b.Sequence ?? 0);
        }

        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    /// <summary>The index, checked against the folder and repaired (and rewritten) when it is stale.</summary>
    private async Task<(List<CheckpointSummary> Entries, List<StoreProblem> Problems)> LoadAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var problems = new List<StoreProblem>();
        var onDisk = ListCheckpointFiles(jobId, problems);
        var index = await ReadIndexAsync(jobId, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<CheckpointId, CheckpointSummary>();
        foreach (var entry in index)
        {
            if (onDisk.Contains(entry.Id) && entry.JobId == jobId)
            {
                known[entry.Id] = entry;
            }
        }

        bool changed = known.Count != index.Count;
        foreach (var id in onDisk)
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
        if (changed && Directory.Exists(_layout.JobDirectory(jobId)))
        {
            await TryWriteIndexAsync(jobId, entries, cancellationToken).ConfigureAwait(false);
        }

        return (entries, problems);
    }

    private HashSet<CheckpointId> ListCheckpointFiles(JobId jobId, List<StoreProblem> problems)
    {
        var ids = new HashSet<CheckpointId>();
        var directory = _layout.CheckpointsDirectory(jobId);
        if (!Directory.Exists(directory))
        {
            return ids;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (AtomicFile.IsTempFile(Path.GetFileName(path)))
            {
                continue;
            }

            if (CheckpointId.TryParse(name, out var id))
            {
                ids.Add(id);
            }
            else
            {
                problems.Add(new StoreProblem(path, "the file name is not a valid checkpoint id"));
            }
        }

        return ids;
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

    private async Task<List<CheckpointSummary>> ReadIndexAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var (index, _) = await JsonFile.ReadAsync(_layout.CheckpointIndexFile(jobId), StorageJsonContext.Default.CheckpointIndex, cancellationToken).ConfigureAwait(false);

        // A missing, unreadable or foreign-version index is simply rebuilt from the files.
        return index is { Version: CheckpointIndex.CurrentVersion } ? index.Entries : [];
    }

    private Task WriteIndexAsync(JobId jobId, List<CheckpointSummary> entries, CancellationToken cancellationToken)
    {
        entries.Sort((a, b) => (a.Sequence ?? 0).CompareTo(b.Sequence ?? 0));
        var index = new CheckpointIndex { Version = CheckpointIndex.CurrentVersion, Entries = entries };
        return JsonFile.WriteAsync(_layout.CheckpointIndexFile(jobId), index, StorageJsonContext.Default.CheckpointIndex, cancellationToken);
    }

    private async Task TryWriteIndexAsync(JobId jobId, List<CheckpointSummary> entries, CancellationToken cancellationToken)
    {
        try
        {
            await WriteIndexAsync(jobId, [.. entries], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only store still lists; the index is only a cache.
        }
    }
}
