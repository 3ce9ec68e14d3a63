using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// <see cref="ICheckpointStore"/> over <c>jobs/&lt;jobId&gt;/checkpoints/&lt;id&gt;.json</c> (compact JSON).
/// Listing goes through the job's <see cref="CheckpointCatalog"/> (a header index in the user's cache), which only scans
/// the headers of files it does not know (written by the TypeScript runtime, or before the cache existed).
/// </summary>
public sealed class FileCheckpointStore : ICheckpointStore, IDisposable
{
    private readonly StorageLayout _layout;
    private readonly CheckpointCatalog _catalog;
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
        _catalog = new CheckpointCatalog(layout);
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
            // A checkpoint that held a known secret is stored, and handed back (so it is what the run goes on with and
            // sends to the model), redacted.
            // The bytes are searched once; only a checkpoint that held a secret is redacted again by its type (a
            // thinking block whose text changed loses its signature, which the bytes' redaction would keep).
            var serialized = JsonSerializer.SerializeToUtf8Bytes(stored, PerstackJson.Checkpoint);
            var content = _writer.Redact(serialized);
            if (content.Length != serialized.Length || !content.Span.SequenceEqual(serialized))
            {
                stored = _writer.Secrets.Redact(stored);
                content = JsonSerializer.SerializeToUtf8Bytes(stored, PerstackJson.Checkpoint);
            }

            var written = NextWriteTime();
            await _writer.WriteAsync(_layout.CheckpointFile(stored.JobId, stored.Id), content, written, cancellationToken).ConfigureAwait(false);
            entries.Add(CheckpointSummary.From(stored));
            stamps[stored.Id.Value] = CheckpointIndex.Stamp(content.Length, written);
            if (!_writer.WritesBehind)
            {
                // Writing behind, the files may still be queued: the cache is brought up to date once they are in place (FlushCacheAsync).
                await _catalog.TrySaveAsync(stored.JobId, entries, stamps, cancellationToken).ConfigureAwait(false);
            }

            return stored;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _saveGate.Dispose();

    /// <summary>
    /// Writing behind: remembers the checkpoints this store wrote in the cache, so the next listing finds them indexed.
    /// Call once the writes are committed; best effort, as every cache write.
    /// </summary>
    internal async Task FlushCacheAsync()
    {
        foreach (var (jobId, (entries, stamps)) in _written)
        {
            await _catalog.TrySaveAsync(jobId, entries, stamps, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var (entries, _, problems) = await _catalog.LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
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
        var (entries, stamps, _) = await _catalog.LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
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
}
