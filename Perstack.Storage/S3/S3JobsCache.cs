using System.Text;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.S3;

/// <summary>
/// The jobs cache of a bucket (<c>s3-jobs.bin</c> in the store's cache folder): each <c>job.json</c> as it was
/// downloaded, under its ETag. Trusted only while the listing shows the same ETag (a rewrite changes it), so never
/// stale; damaged or foreign content is ignored (rebuilt by the next listing). Holds what the bucket holds, no secret.
/// </summary>
internal sealed class S3JobsCache
{
    private const string Magic = "PSS3JOB1";
    private readonly Dictionary<JobId, (string ETag, byte[] Content)> _entries;

    private S3JobsCache(Dictionary<JobId, (string ETag, byte[] Content)> entries) => _entries = entries;

    public static string? FileOf(StoreCache cache) => cache.Directory is { } directory ? Path.Combine(directory, "s3-jobs.bin") : null;

    public byte[]? TryGet(JobId jobId, string etag) =>
        _entries.TryGetValue(jobId, out var entry) && entry.ETag == etag ? entry.Content : null;

    public bool Differs(IReadOnlyDictionary<JobId, (string ETag, byte[] Content)> fresh) =>
        fresh.Count != _entries.Count || fresh.Any(f => !_entries.TryGetValue(f.Key, out var e) || e.ETag != f.Value.ETag);

    public static S3JobsCache Load(StoreCache cache)
    {
        var entries = new Dictionary<JobId, (string, byte[])>();
        if (FileOf(cache) is not { } file || !File.Exists(file))
        {
            return new S3JobsCache(entries);
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                return new S3JobsCache(entries);
            }

            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                var id = JobId.Parse(reader.ReadString());
                var etag = reader.ReadString();
                var content = reader.ReadBytes(reader.ReadInt32());
                entries[id] = (etag, content);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or PerstackException or FormatException or ArgumentException or OverflowException)
        {
            // Only a cache: a damaged one is rebuilt.
            entries.Clear();
        }

        return new S3JobsCache(entries);
    }

    public static async Task SaveAsync(StoreCache cache, IReadOnlyDictionary<JobId, (string ETag, byte[] Content)> entries, CancellationToken cancellationToken)
    {
        if (FileOf(cache) is not { } file)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(entries.Count);
            foreach (var (id, (etag, content)) in entries)
            {
                writer.Write(id.Value);
                writer.Write(etag);
                writer.Write(content.Length);
                writer.Write(content);
            }
        }

        await cache.TryWriteAsync(file, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
