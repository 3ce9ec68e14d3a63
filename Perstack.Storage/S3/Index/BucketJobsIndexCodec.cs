using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Perstack.Core.Domain;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Storage.S3.Index;

/// <summary>
/// The bucket's jobs index as bytes: gzip of magic <c>PSS3IDX1</c>, format version (int32), written-at (int64 ms), the
/// entry and problem counts (int32), per entry its job id, <c>job.json</c> ETag and <see cref="JobRecordCodec"/> record,
/// per problem its key and reason, then the XxHash3 of everything before it (uint64; strings as
/// <see cref="BinaryWriter.Write(string)"/> writes them). Binary and compressed because one GET of it replaces listing
/// 10,000 jobs: ~40 bytes a job on the wire, a few milliseconds to decode.
/// </summary>
/// <remarks>
/// The object sits in a shared bucket, so it is input like any other: sizes are bounded before anything is allocated
/// (<see cref="MaxObjectBytes"/>, <see cref="MaxDecodedBytes"/>), the checksum must match, ids must be ids, each job
/// once, and problem lines printable. Anything else is <see cref="InvalidDataException"/>; the reader then lists the
/// bucket itself.
/// </remarks>
internal static class BucketJobsIndexCodec
{
    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The largest index object read (a 10,000-job index is ~0.4 MB).</summary>
    public const int MaxObjectBytes = 64 << 20;

    /// <summary>The largest decompressed index (bounds a decompression bomb).</summary>
    public const int MaxDecodedBytes = 512 << 20;

    private const int MaxETagLength = 1024;

    private static ReadOnlySpan<byte> Magic => "PSS3IDX1"u8;

    /// <summary>The object's bytes for <paramref name="index"/>.</summary>
    public static byte[] Encode(BucketJobsIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        using var body = new MemoryStream(capacity: 64 + (index.Entries.Count * 160));
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(index.WrittenAtMs);
            writer.Write(index.Entries.Count);
            writer.Write(index.Problems.Count);
            foreach (var (id, entry) in index.Entries.OrderBy(e => e.Key))
            {
                writer.Write(id.Value);
                writer.Write(entry.ETag);
                JobRecordCodec.Write(writer, entry.Job);
            }

            foreach (var (key, reason) in index.Problems)
            {
                writer.Write(key);
                writer.Write(reason);
            }

            writer.Write(XxHash3.HashToUInt64(body.GetBuffer().AsSpan(0, (int)body.Length)));
        }

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body.GetBuffer(), 0, (int)body.Length);
        }

        return compressed.ToArray();
    }

    /// <summary>The index in <paramref name="bytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid index of this version.</exception>
    public static BucketJobsIndex Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxObjectBytes)
        {
            throw new InvalidDataException($"it is larger than {MaxObjectBytes >> 20} MB");
        }

        var body = ChecksummedBody.Of(Decompress(bytes), Magic);
        if (body.IsEmpty)
        {
            throw new InvalidDataException("it is not a Perstack jobs index, or it is damaged (checksum)");
        }

        var reader = new IndexReader(body, Magic.Length);
        if (reader.ReadInt32() != CurrentVersion)
        {
            throw new InvalidDataException("it was written by another version of Perstack");
        }

        long writtenAt = reader.ReadInt64();
        int count = reader.ReadInt32();
        int problemCount = reader.ReadInt32();

        // Every entry and problem takes at least a few bytes: a count beyond that is a lie, refused before allocating.
        if (count < 0 || problemCount < 0 || (long)count + problemCount > body.Length)
        {
            throw new InvalidDataException("bad counts");
        }

        var entries = new Dictionary<JobId, BucketJobsIndexEntry>(count);
        var expertKeys = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < count; i++)
        {
            var id = JobId.TryParse(reader.ReadString(), out var parsed) ? parsed : throw new InvalidDataException("an entry is not a job id");
            var etag = reader.ReadString();
            if (etag.Length > MaxETagLength || HasControl(etag))
            {
                throw new InvalidDataException("bad entity tag");
            }

            var job = JobRecordCodec.Read(ref reader, id, expertKeys);
            if (!entries.TryAdd(id, new BucketJobsIndexEntry(etag, job)))
            {
                throw new InvalidDataException($"job {id} is there twice");
            }
        }

        var problems = new List<(string, string)>(problemCount);
        for (int i = 0; i < problemCount; i++)
        {
            var key = reader.ReadString();
            var reason = reader.ReadString();
            if (!key.StartsWith(S3Keys.Jobs, StringComparison.Ordinal) || HasControl(key) || HasControl(reason))
            {
                throw new InvalidDataException("bad problem line");
            }

            problems.Add((key, reason));
        }

        return reader.Position == body.Length
            ? new BucketJobsIndex(writtenAt, entries, problems)
            : throw new InvalidDataException("bytes after the last entry");
    }

    private static byte[] Decompress(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        bool tooLarge = false;
        try
        {
            using var input = new MemoryStream(bytes.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecodedBytes)
                {
                    tooLarge = true;
                    break;
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or InvalidDataException)
        {
            throw new InvalidDataException("it is not gzip", e);
        }

        return tooLarge ? throw new InvalidDataException($"it decompresses to more than {MaxDecodedBytes >> 20} MB") : output.ToArray();
    }

    /// <summary>A control, escape or bidi-override character: never printed from a shared object.</summary>
    public static bool IsUnprintable(char c) => char.IsControl(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool HasControl(string text) => text.Any(IsUnprintable);
}
