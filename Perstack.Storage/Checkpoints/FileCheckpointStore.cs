using System.Text.Json;
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

    private readonly StoreWriter _writer;

    // Saves read-modify-write the job's index; parallel delegates of one job save concurrently in one process.
    private readonly SemaphoreSlim _saveGate = new(1, 1);

    // Writing behind, each job's index as this store last wrote it: the files it names may still be queued, so it cannot
    // be read back. Kept for the store's life, a run's, during which the run holds the job's lock (no other writer).
    private readonly Dictionary<JobId, (List<CheckpointSummary> Entries, Dictionary<string, string> Stamps)> _written = [];
    private long _lastWriteTicks;

    /// <summary>Creates the store.</summary>
    public FileCheckpointStore(StorageLayout layout)
        : this(layout, StoreWriter.Immediate)
    {
    }

    /// <summary>Creates the store writing through <paramref name="writer"/>.</summary>
    public FileCheckpointStore(StorageLayout layout, StoreWriter writer)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <inheritdoc />
    public IReadOnlyList<JobId> FindJobs(CheckpointId checkpointId)
    {
        if (!Directory.Exists(_layout.JobsDirectory))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(_layout.JobsDirectory)
            .Select(Path.GetFileName)
            .Select(name => JobId.TryParse(name, out var id) ? id : (JobId?)null)
            .OfType<JobId>()
            .Where(id => File.Exists(_layout.CheckpointFile(id, checkpointId)))
            .Order()];
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
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
            var (entries, stamps) = await IndexBeforeSaveAsync(checkpoint.JobId, cancellationToken).ConfigureAwait(false);
            entries.RemoveAll(e => e.Id == checkpoint.Id);
            long next = entries.Count == 0 ? 1 : entries.Max(e => e.Sequence ?? 0) + 1;
            var stored = checkpoint with { Sequence = checkpoint.Sequence ?? next };

            // The write time is set, not read back: the index records the file's stamp even while the write is queued.
            var content = JsonSerializer.SerializeToUtf8Bytes(stored, PerstackJson.Checkpoint);
            var written = NextWriteTime();
            await _writer.WriteAsync(_layout.CheckpointFile(stored.JobId, stored.Id), content, written, cancellationToken).ConfigureAwait(false);
            entries.Add(CheckpointSummary.From(stored));
            stamps[stored.Id.Value] = CheckpointIndex.Stamp(content.Length, written);
            await WriteIndexAsync(stored.JobId, entries, stamps, cancellationToken).ConfigureAwait(false);
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
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var (entries, _, problems) = await LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        entries.Sort(InListingOrder);
        return new StoreListing<CheckpointSummary>(entries, problems);
    }

    /// <summary>The job's index to add a checkpoint to: from disk, or (writing behind) as this store last wrote it.</summary>
    private async Task<(List<CheckpointSummary> Entries, Dictionary<string, string> Stamps)> IndexBeforeSaveAsync(JobId jobId, CancellationToken cancellationToken)
    {
        if (_writer.WritesBehind && _written.TryGetValue(jobId, out var known))
        {
            return known;
        }

        // No commit needed first: none of this job's checkpoints or index is queued, or it would be in _written.
        var (entries, stamps, _) = await LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (_writer.WritesBehind)
        {
            _written[jobId] = (entries, stamps);
        }

        return (entries, stamps);
    }

    /// <summary>Now, moved on past the last write time handed out, so two saves of one file never share a stamp.</summary>
    private DateTime NextWriteTime()
    {
        long ticks = Math.Max(DateTime.UtcNow.Ticks, _lastWriteTicks + 1);
        _lastWriteTicks = ticks;
        return new DateTime(ticks, DateTimeKind.Utc);
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

    /// <summary>
    /// The index, checked against the folder and repaired (and rewritten) when it is stale: entries whose file is
    /// gone or changed since it was indexed are dropped, and such files are read again.
    /// </summary>
    private async Task<(List<CheckpointSummary> Entries, Dictionary<string, string> Stamps, List<StoreProblem> Problems)> LoadAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var problems = new List<StoreProblem>();
        var onDisk = ListCheckpointFiles(jobId, problems);
        var index = await ReadIndexAsync(jobId, cancellationToken).ConfigureAwait(false);
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
        if (changed && Directory.Exists(_layout.JobDirectory(jobId)))
        {
            await TryWriteIndexAsync(jobId, entries, stamps, cancellationToken).ConfigureAwait(false);
        }

        return (entries, stamps, problems);
    }

    /// <summary>The job's checkpoint files by id, each with its <see cref="CheckpointIndex.Stamp"/>.</summary>
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

    private async Task<CheckpointIndex> ReadIndexAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var (index, _) = await JsonFile.ReadAsync(_layout.CheckpointIndexFile(jobId), StorageJsonContext.Default.CheckpointIndex, cancellationToken).ConfigureAwait(false);

        // A missing, unreadable or foreign-version index is simply rebuilt from the files.
        return index is { Version: CheckpointIndex.CurrentVersion } ? index : new CheckpointIndex { Version = CheckpointIndex.CurrentVersion };
    }

    private Task WriteIndexAsync(JobId jobId, List<CheckpointSummary> entries, Dictionary<string, string> stamps, CancellationToken cancellationToken)
    {
        entries.Sort((a, b) => (a.Sequence ?? 0).CompareTo(b.Sequence ?? 0));

        // Copies: a queued write is serialised later, and these lists go on changing with the next save.
        var index = new CheckpointIndex { Version = CheckpointIndex.CurrentVersion, Entries = [.. entries], Stamps = new(stamps, StringComparer.Ordinal) };
        return _writer.WriteJsonAsync(_layout.CheckpointIndexFile(jobId), index, StorageJsonContext.Default.CheckpointIndex, cancellationToken);
    }

    private async Task TryWriteIndexAsync(JobId jobId, List<CheckpointSummary> entries, Dictionary<string, string> stamps, CancellationToken cancellationToken)
    {
        try
        {
            await WriteIndexAsync(jobId, [.. entries], stamps, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only store still lists; the index is only a cache.
        }
    }
}
