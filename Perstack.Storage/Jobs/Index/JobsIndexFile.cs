using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// <c>&lt;root&gt;/jobs-index.bin</c>: one <see cref="JobsIndexEntry"/> per job, binary, with a checksum. It is
/// only a cache: a missing, foreign, damaged or outdated file reads as empty and is rebuilt by the next listing.
/// </summary>
/// <remarks>
/// Layout (little-endian): magic <c>PSJOBIDX</c>, format version (int32), entry count (int32), the entries
/// (stamp: size, mtime ns, ctime ns as int64, inode as uint64; then the <see cref="JobRecordCodec"/> record), and
/// the XxHash3 of everything before it (uint64).
/// </remarks>
internal static class JobsIndexFile
{
    /// <summary>The format this code writes; any other is ignored and rebuilt.</summary>
    public const int CurrentVersion = 1;

    private static ReadOnlySpan<byte> Magic => "PSJOBIDX"u8;

    /// <summary>The entries by job id; empty when the file is missing or not a valid index of this version.</summary>
    public static Dictionary<string, JobsIndexEntry> Read(string path)
    {
        // Into a pooled buffer: a fresh megabytes-long array per listing would land on the large-object heap and
        // bring a full collection every few listings (the workbench lists on every refresh).
        byte[]? rented = null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            if (length > int.MaxValue / 2)
            {
                return Empty();
            }

            rented = ArrayPool<byte>.Shared.Rent((int)length);
            int read = 0;
            while (read < length)
            {
                int n = RandomAccess.Read(handle, rented.AsSpan(read, (int)length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return TryDecode(rented.AsSpan(0, read)) ?? Empty();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the index atomically (a concurrent listing reads the old index or the new one).</summary>
    public static Task WriteAsync(string path, IReadOnlyCollection<JobsIndexEntry> entries, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream(capacity: 64 + (entries.Count * 128));
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(entries.Count);
            foreach (var entry in entries)
            {
                writer.Write(entry.Stamp.Size);
                writer.Write(entry.Stamp.ModifiedNs);
                writer.Write(entry.Stamp.ChangedNs);
                writer.Write(entry.Stamp.Inode);
                JobRecordCodec.Write(writer, entry.Job);
            }

            writer.Write(XxHash3.HashToUInt64(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        }

        return AtomicFile.WriteAsync(path, memory.GetBuffer().AsMemory(0, (int)memory.Length), cancellationToken);
    }

    private static Dictionary<string, JobsIndexEntry> Empty() => new(StringComparer.Ordinal);

    private static Dictionary<string, JobsIndexEntry>? TryDecode(ReadOnlySpan<byte> bytes)
    {
        const int headerLength = 16, checksumLength = 8;
        if (bytes.Length < headerLength + checksumLength || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }

        var body = bytes[..^checksumLength];
        if (XxHash3.HashToUInt64(body) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[body.Length..]))
        {
            return null;
        }

        var reader = new IndexReader(body, Magic.Length);
        try
        {
            if (reader.ReadInt32() != CurrentVersion)
            {
                return null;
            }

            int count = reader.ReadInt32();
            if (count < 0 || count > body.Length / 32)
            {
                return null;
            }

            var entries = new Dictionary<string, JobsIndexEntry>(count, StringComparer.Ordinal);
            var experts = new Dictionary<string, string>(StringComparer.Ordinal); // a handful of keys shared by 100,000 jobs
            for (int i = 0; i < count; i++)
            {
                var stamp = new FileStamp(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64());
                var job = JobRecordCodec.Read(ref reader, experts);
                entries[job.Id.Value] = new JobsIndexEntry(stamp, job);
            }

            return reader.Position == body.Length ? entries : null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            return null; // checksummed yet unreadable: written by a broken writer; rebuild
        }
    }
}
