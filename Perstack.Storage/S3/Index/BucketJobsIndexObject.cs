using System.Text;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.S3.Index;

/// <summary>
/// The bucket's jobs index, <c>{prefix}/.perstack/index/jobs.bin</c> (outside <c>jobs/</c>, so TypeScript Perstack's
/// listing never sees it, like the leases): one object that answers <c>jobs list</c> in one GET — a 304 when the copy in
/// the user's cache folder (<c>s3-index.bin</c>, kept with its ETag) is current — instead of listing 10,000 jobs.
/// <para>
/// Writers of <c>job.json</c> in this process (runs, title, import, fork, delete, prune, push) update an existing index
/// read-modify-write, with <c>If-Match</c> on the ETag they read, merging again on 412; so two writers never lose each
/// other's entries. A writer never creates it: a full listing does (<c>If-None-Match: *</c>), when the index is missing,
/// unreadable or refreshed (<c>jobs list --refresh</c>). Where the server does not honour conditional writes, writers
/// delete it instead (readers then list the bucket) and listings do not create it.
/// </para>
/// <para>
/// Writers that are not ours (TypeScript Perstack, <c>aws s3 cp</c>) do not update it: their jobs appear after a refresh.
/// </para>
/// </summary>
internal sealed class BucketJobsIndexObject(S3History history, Func<CancellationToken, Task<bool>> conditionalWrites)
{
    /// <summary>The index's key under the history's prefix.</summary>
    public const string Key = ".perstack/index/jobs.bin";

    private const string CacheMagic = "PSS3IDXC";
    private const int UpdateAttempts = 8;

    /// <summary>An index read from the bucket: its content, its ETag, and the line a listing warns with when it could not be used.</summary>
    public sealed record Read(BucketJobsIndex? Index, string? ETag, string? Problem);

    /// <summary>
    /// The index as the bucket holds it now (one conditional GET), or Index null with no ETag when there is none, or
    /// Index null with its ETag and a problem when it cannot be used (damaged, foreign, another version).
    /// </summary>
    public async Task<Read> ReadAsync(CancellationToken cancellationToken)
    {
        var cached = LoadCached();
        var got = await history.Bucket.GetIfChangedAsync(Key, cached?.ETag, cancellationToken).ConfigureAwait(false);
        if (got is not { } found)
        {
            return new Read(null, null, null);
        }

        if (found.Content is null && ReadCached() is { } unchanged)
        {
            return new Read(unchanged, found.ETag, null);
        }

        if (found.Content is null)
        {
            // Our copy is the current one but does not decode (damaged on disk): fetch it whole.
            found = await history.Bucket.GetIfChangedAsync(Key, null, cancellationToken).ConfigureAwait(false) ?? default;
            if (found.Content is null)
            {
                return new Read(null, null, null);
            }
        }

        var content = found.Content;
        try
        {
            var index = BucketJobsIndexCodec.Decode(content);
            await SaveCachedAsync(found.ETag, content, cancellationToken).ConfigureAwait(false);

            return new Read(index, found.ETag, null);
        }
        catch (InvalidDataException e)
        {
            return new Read(null, found.ETag, $"not a usable jobs index: {e.Message}; listed the bucket instead");
        }
    }

    /// <summary>The index as the user's cache folder last saw it, without asking the bucket; null when none.</summary>
    public BucketJobsIndex? ReadCached()
    {
        try
        {
            return LoadCached() is { } cached ? BucketJobsIndexCodec.Decode(cached.Content) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// After a full listing: makes the index hold it, if the index is still what it was when the listing began
    /// (<paramref name="etagBefore"/>, null: there was none). Another writer's update meanwhile wins (ours is not
    /// written; the next refresh tries again), so no entry that writer added is lost. Nothing is written where the server
    /// does not honour conditional writes, or the credentials may only read.
    /// </summary>
    public async Task TryCreateAsync(StoreListing<Job> listing, IReadOnlyDictionary<JobId, string> etags, string? etagBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(etags);
        try
        {
            if (!await conditionalWrites(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var entries = listing.Items.ToDictionary(j => j.Id, j => new BucketJobsIndexEntry(etags.GetValueOrDefault(j.Id, ""), j));
            var root = history.Show("");
            var problems = listing.Problems
                .Where(p => p.Path.StartsWith(root + S3Keys.Jobs, StringComparison.Ordinal))
                .Select(p => (Printable(p.Path[root.Length..]), Printable(p.Reason)))
                .ToList();
            var content = BucketJobsIndexCodec.Encode(new BucketJobsIndex(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), entries, problems));
            if (await history.Bucket.PutIfAsync(Key, content, etagBefore ?? "*", cancellationToken).ConfigureAwait(false) is { } etag)
            {
                await SaveCachedAsync(etag, content, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PerstackException)
        {
            // Only a speed-up: a listing that cannot write it (read-only credentials, a failing network) still lists.
        }
    }

    /// <summary>Records <paramref name="jobFile"/>, the bytes of a <c>job.json</c> just written with <paramref name="etag"/>.</summary>
    /// <exception cref="PerstackException">The index could not be read or written (one line).</exception>
    public Task RecordAsync(ReadOnlyMemory<byte> jobFile, string etag, CancellationToken cancellationToken)
    {
        // The index holds what a reader of job.json gets: the bytes as written (redacted), not the object before them.
        var job = PerstackJson.TryDeserialize(jobFile.Span, PerstackJson.JobIndented, out _);
        return job is null ? Task.CompletedTask : UpdateAsync(index => index.With(job, etag, NowMs()), cancellationToken);
    }

    /// <summary>Removes <paramref name="jobId"/> (deleted).</summary>
    /// <exception cref="PerstackException">The index could not be read or written (one line).</exception>
    public Task RemoveAsync(JobId jobId, CancellationToken cancellationToken) =>
        UpdateAsync(index => index.Entries.ContainsKey(jobId) ? index.Without(jobId, NowMs()) : null, cancellationToken);

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task UpdateAsync(Func<BucketJobsIndex, BucketJobsIndex?> change, CancellationToken cancellationToken)
    {
        if (!await conditionalWrites(cancellationToken).ConfigureAwait(false))
        {
            // Without conditional writes an update could silently undo another writer's: no index is better than a wrong one.
            await history.Bucket.DeleteAsync(Key, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (int attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var read = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.Index is null || change(read.Index) is not { } changed)
            {
                // None yet (a full listing makes it), or one we cannot read (the next listing replaces it), or nothing to do.
                return;
            }

            var content = BucketJobsIndexCodec.Encode(changed);
            if (await history.Bucket.PutIfAsync(Key, content, read.ETag, cancellationToken).ConfigureAwait(false) is { } etag)
            {
                await SaveCachedAsync(etag, content, cancellationToken).ConfigureAwait(false);
                return;
            }

            // Another writer updated it since we read it: read theirs and apply ours again, after a short random pause.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * (attempt + 1))), cancellationToken).ConfigureAwait(false);
        }

        // Still contended: rather than leave an index without this change, remove it (the next listing rebuilds it).
        await history.Bucket.DeleteAsync(Key, cancellationToken).ConfigureAwait(false);
    }

    private static string Printable(string text) => new([.. text.Select(c => BucketJobsIndexCodec.IsUnprintable(c) ? '?' : c)]);

    private string? CacheFile => history.Cache.Directory is { } directory ? Path.Combine(directory, "s3-index.bin") : null;

    private (string ETag, byte[] Content)? LoadCached()
    {
        if (CacheFile is not { } file || !File.Exists(file))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            if (reader.ReadString() != CacheMagic)
            {
                return null;
            }

            var etag = reader.ReadString();
            int length = reader.ReadInt32();
            return length is >= 0 and <= BucketJobsIndexCodec.MaxObjectBytes ? (etag, reader.ReadBytes(length)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException)
        {
            // Only a cache: a damaged one is fetched again.
            return null;
        }
    }

    private async Task SaveCachedAsync(string etag, byte[] content, CancellationToken cancellationToken)
    {
        if (CacheFile is not { } file || etag.Length == 0)
        {
            return;
        }

        using var buffer = new MemoryStream(content.Length + 64);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(CacheMagic);
            writer.Write(etag);
            writer.Write(content.Length);
            writer.Write(content);
        }

        await history.Cache.TryWriteAsync(file, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
