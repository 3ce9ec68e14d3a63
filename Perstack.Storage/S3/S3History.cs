using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Files;

namespace Perstack.Storage.S3;

/// <summary>
/// A history in a bucket: its objects and its caches in the user's cache folder (keyed by endpoint, bucket and prefix;
/// no credential). Reads shared by the S3 stores live here: a JSON object, and a job's checkpoint headers, each object's
/// header downloaded once per ETag (the header cache), the rest in parallel.
/// </summary>
public sealed class S3History : IDisposable
{
    private const int ParallelGets = 16;

    /// <summary>Creates the history over <paramref name="bucket"/>; it owns the bucket.</summary>
    public S3History(S3Bucket bucket, string? endpoint, string? cacheHome)
    {
        Bucket = bucket ?? throw new ArgumentNullException(nameof(bucket));
        Cache = StoreCache.ForRemote($"{endpoint ?? "aws"} {bucket.Location.Display}", cacheHome);
    }

    /// <summary>The objects.</summary>
    public S3Bucket Bucket { get; }

    /// <summary>The caches.</summary>
    public StoreCache Cache { get; }

    /// <summary>How an object is named to people: <c>s3://bucket/prefix/key</c>.</summary>
    public string Show(string key) => $"{Bucket.Location.Display}/{key}";

    /// <summary>The object parsed as <typeparamref name="T"/>; null with no problem when there is none.</summary>
    public async Task<(T? Value, StoreProblem? Problem)> ReadJsonAsync<T>(string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var got = await Bucket.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (got is not { } found)
        {
            return (null, null);
        }

        if (found.Content.Length == 0)
        {
            return (null, new StoreProblem(Show(key), "the object is empty"));
        }

        var value = PerstackJson.TryDeserialize(found.Content, typeInfo, out var reason);
        return value is null ? (null, new StoreProblem(Show(key), reason ?? "unreadable")) : (value, null);
    }

    /// <summary>As <see cref="ReadJsonAsync{T}"/>, throwing <see cref="CorruptFileException"/> for an unreadable object.</summary>
    public async Task<T?> ReadJsonOrThrowAsync<T>(string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadJsonAsync(key, typeInfo, cancellationToken).ConfigureAwait(false);
        return problem is null ? value : throw new CorruptFileException(problem);
    }

    /// <summary>
    /// The headers of the job's checkpoints (unordered) with their write times (ms), and the objects that could not be
    /// read. Only objects whose ETag the cache does not know are downloaded, <see cref="ParallelGets"/> at a time.
    /// </summary>
    public async Task<(List<(CheckpointSummary Summary, long WrittenAtMs)> Checkpoints, List<StoreProblem> Problems)> CheckpointHeadersAsync(
        JobId jobId, IReadOnlyList<S3ObjectInfo>? listed, CancellationToken cancellationToken)
    {
        listed ??= await Bucket.ListAsync(S3Keys.Checkpoints(jobId), cancellationToken).ConfigureAwait(false);
        var cached = await LoadHeadersAsync(jobId, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<string, CheckpointSummary>(StringComparer.Ordinal);
        foreach (var entry in cached.Entries)
        {
            if (cached.Stamps.TryGetValue(entry.Id.Value, out var etag))
            {
                known[etag] = entry;
            }
        }

        var results = new (CheckpointSummary? Summary, StoreProblem? Problem, S3ObjectInfo Info)[listed.Count];
        bool changed = false;
        await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelGets, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var info = listed[i];
            var name = info.Key[S3Keys.Checkpoints(jobId).Length..];
            if (!name.EndsWith(".json", StringComparison.Ordinal) || !CheckpointId.TryParse(name[..^5], out var id))
            {
                results[i] = (null, new StoreProblem(Show(info.Key), "not a checkpoint id: ignored"), info);
                return;
            }

            if (known.TryGetValue(info.ETag, out var hit) && hit.Id == id && hit.JobId == jobId)
            {
                results[i] = (hit, null, info);
                return;
            }

            changed = true;
            var got = await Bucket.GetAsync(info.Key, token).ConfigureAwait(false);
            if (got is not { } found)
            {
                results[i] = (null, null, info);
                return;
            }

            var summary = CheckpointHeaderReader.TryRead(found.Content, out var problem);
            results[i] = summary is null ? (null, new StoreProblem(Show(info.Key), problem ?? "unreadable"), info)
                : summary.Id != id || summary.JobId != jobId ? (null, new StoreProblem(Show(info.Key), $"it names checkpoint {summary.Id} of job {summary.JobId}"), info)
                : (summary, null, info);
        }).ConfigureAwait(false);

        var checkpoints = new List<(CheckpointSummary, long)>();
        var problems = new List<StoreProblem>();
        var index = new CheckpointIndex { Version = CheckpointIndex.CurrentVersion };
        foreach (var (summary, problem, info) in results)
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }

            if (summary is not null)
            {
                checkpoints.Add((summary, new DateTimeOffset(DateTime.SpecifyKind(info.LastModified, DateTimeKind.Utc)).ToUnixTimeMilliseconds()));
                index.Entries.Add(summary);
                index.Stamps[summary.Id.Value] = info.ETag;
            }
        }

        if (changed || cached.Entries.Count != index.Entries.Count)
        {
            await SaveHeadersAsync(jobId, index, cancellationToken).ConfigureAwait(false);
        }

        return (checkpoints, problems);
    }

    /// <summary>Forgets the job's cached headers (it was deleted).</summary>
    public void ForgetHeaders(JobId jobId)
    {
        if (Cache.CheckpointIndexFile(jobId) is { } file)
        {
            AtomicFile.TryDelete(file);
        }
    }

    private async Task<CheckpointIndex> LoadHeadersAsync(JobId jobId, CancellationToken cancellationToken)
    {
        if (Cache.CheckpointIndexFile(jobId) is not { } file || !File.Exists(file))
        {
            return new CheckpointIndex();
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var index = JsonSerializer.Deserialize(bytes, StorageJsonContext.Default.CheckpointIndex);
            return index is { Version: CheckpointIndex.CurrentVersion } ? index : new CheckpointIndex();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or PerstackException or FormatException or ArgumentException)
        {
            // Only a cache: a damaged one is rebuilt.
            return new CheckpointIndex();
        }
    }

    private async Task SaveHeadersAsync(JobId jobId, CheckpointIndex index, CancellationToken cancellationToken)
    {
        if (Cache.CheckpointIndexFile(jobId) is { } file)
        {
            await Cache.TryWriteAsync(file, JsonSerializer.SerializeToUtf8Bytes(index, StorageJsonContext.Default.CheckpointIndex), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Bucket.Dispose();
}
