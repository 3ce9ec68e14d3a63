using System.Diagnostics;
using Perstack.Core.Domain;
using Perstack.Core.Search;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Search;

/// <summary>
/// <see cref="IHistorySearch"/> over a local history: the index lives in memory and in <c>search-index.bin</c> in the
/// store's cache, and a refresh reads (through the store ports) only the jobs whose <c>checkpoints/</c> folder changed
/// since. Searches run on an immutable snapshot, so typing never waits for a refresh, which publishes what it has read
/// every <see cref="PublishEvery"/> jobs.
/// </summary>
public sealed class FileHistorySearch : IHistorySearch
{
    private const int PublishEvery = 200;

    private readonly StorageLayout? _layout;
    private readonly IJobStore _jobs;
    private readonly ICheckpointStore _checkpoints;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Dictionary<JobId, SearchIndexEntry>? _entries;
    private Snapshot _snapshot = new([], new SearchIndexStatus(0, 0, Building: false));
    private Task<SearchIndexStatus>? _refresh;

    /// <summary>
    /// Creates the search over the store at <paramref name="layout"/>; null for a history that is not a folder (a
    /// bucket): then nothing is cached and every job is read again at each refresh.
    /// </summary>
    public FileHistorySearch(StorageLayout? layout, IJobStore jobs, ICheckpointStore checkpoints, TimeProvider time)
    {
        _layout = layout;
        _jobs = jobs;
        _checkpoints = checkpoints;
        _time = time;
    }

    /// <inheritdoc/>
    public SearchIndexStatus Status => Volatile.Read(ref _snapshot).Status;

    /// <inheritdoc/>
    public SearchResults Search(SearchQuery query, int limit, CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return SearchRanking.Top(snapshot.Documents, query, limit, snapshot.Status, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SearchIndexStatus> RefreshAsync(IProgress<SearchIndexStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_refresh is { IsCompleted: false } running)
            {
                return running;
            }

            _refresh = Task.Run(() => RefreshCoreAsync(progress, cancellationToken), cancellationToken);
            return _refresh;
        }
    }

    private async Task<SearchIndexStatus> RefreshCoreAsync(IProgress<SearchIndexStatus>? progress, CancellationToken cancellationToken)
    {
        var file = _layout?.Cache.SearchIndexFile;
        if (_entries is null)
        {
            // What the cache holds is searchable at once, before the history is listed: the newest jobs (written
            // first) as soon as they are decoded.
            var cached = file is null ? [] : SearchIndexFile.Read(file, soFar => Publish([.. soFar.Select(e => e.Document)], soFar.Count, building: true, progress));
            _entries = cached.ToDictionary(e => e.Document.JobId);
            Publish([.. cached.Select(e => e.Document)], cached.Count, building: true, progress);
        }

        var listing = await _jobs.ListAsync(cancellationToken).ConfigureAwait(false);
        long nowNs = FileStamp.ToNs(_time.GetUtcNow());
        var current = new Dictionary<JobId, SearchIndexEntry>(listing.Items.Count);
        var stale = new List<(Job Job, long Stamp)>();
        foreach (var job in listing.Items)
        {
            long stamp = _layout is null ? FolderStamp.Unsettled : FolderStamp.Of(_layout.CheckpointsDirectory(job.Id), nowNs);
            if (stamp != FolderStamp.Unsettled && _entries.TryGetValue(job.Id, out var known) && known.Stamp == stamp)
            {
                current[job.Id] = known with { Document = known.Document with { ExpertKey = job.CoordinatorExpertKey, Title = job.Title, LastActivityAt = job.LastActivityAt } };
            }
            else
            {
                stale.Add((job, stamp));
            }
        }

        bool changed = stale.Count > 0 || current.Count != _entries.Count;
        _entries = current;
        Publish(listing.Items, current, building: stale.Count > 0, progress);
        var sincePublish = Stopwatch.StartNew();
        for (int i = 0; i < stale.Count; i++)
        {
            var (job, stamp) = stale[i];
            if (await ReadAsync(job, cancellationToken).ConfigureAwait(false) is { } document)
            {
                current[job.Id] = new SearchIndexEntry(stamp, document);
            }

            if ((i + 1) % PublishEvery == 0 || sincePublish.ElapsedMilliseconds > 250)
            {
                Publish(listing.Items, current, building: true, progress);
                sincePublish.Restart();
            }
        }

        Publish(listing.Items, current, building: false, progress);
        if (changed && file is not null)
        {
            // Unsettled folders are saved with their unsettled stamp, so they are read again next time.
            await _layout!.Cache.TryWriteAsync(file, SearchIndexFile.Encode([.. current.Values.OrderByDescending(e => e.Document.LastActivityAt)]), cancellationToken).ConfigureAwait(false);
        }

        return Status;
    }

    /// <summary>The job's document from its checkpoints in write order; null when they cannot be listed now (retried next refresh).</summary>
    private async Task<SearchDocument?> ReadAsync(Job job, CancellationToken cancellationToken)
    {
        var builder = new SearchDocumentBuilder();
        try
        {
            var headers = await _checkpoints.ListAsync(job.Id, cancellationToken).ConfigureAwait(false);
            foreach (var header in headers.Items.OrderBy(h => h.Sequence ?? long.MaxValue).ThenBy(h => h.StepNumber))
            {
                try
                {
                    if (await _checkpoints.GetAsync(job.Id, header.Id, cancellationToken).ConfigureAwait(false) is { } checkpoint)
                    {
                        builder.Add(checkpoint);
                    }
                }
                catch (CorruptFileException)
                {
                    // An unreadable checkpoint is left out; the others of the job stay searchable.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptFileException)
        {
            return null;
        }

        return builder.Build(job);
    }

    private void Publish(IReadOnlyList<Job> order, Dictionary<JobId, SearchIndexEntry> entries, bool building, IProgress<SearchIndexStatus>? progress)
    {
        var documents = new List<SearchDocument>(entries.Count);
        foreach (var job in order)
        {
            if (entries.TryGetValue(job.Id, out var entry))
            {
                documents.Add(entry.Document);
            }
        }

        Publish(documents, order.Count, building, progress);
    }

    private void Publish(List<SearchDocument> documents, int total, bool building, IProgress<SearchIndexStatus>? progress)
    {
        var snapshot = new Snapshot(documents, new SearchIndexStatus(documents.Count, total, building));
        Volatile.Write(ref _snapshot, snapshot);
        progress?.Report(snapshot.Status);
    }

    private sealed record Snapshot(IReadOnlyList<SearchDocument> Documents, SearchIndexStatus Status);
}
