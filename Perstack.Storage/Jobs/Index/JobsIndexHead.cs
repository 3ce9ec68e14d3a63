using System.Buffers.Binary;
using System.IO.Hashing;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// The head of <c>jobs-index.bin</c>: its first <see cref="Count"/> jobs (the latest activity first) once more, right
/// after the format version and with a checksum of their own, so the workbench reads a screenful of rows from the
/// file's first kilobytes while the whole file (megabytes at 100,000 jobs: read, checked, every id parsed) loads behind
/// them.
/// </summary>
/// <remarks>
/// Layout after magic and version: the head's length in bytes (int32), then the job count (int32) and per job its id
/// and its <see cref="JobRecordCodec"/> record, then the XxHash3 of the file up to there (uint64). The whole file's
/// checksum covers the head too.
/// </remarks>
internal static class JobsIndexHead
{
    /// <summary>How many jobs the head holds: more than the tallest terminal shows.</summary>
    public const int Count = 256;

    private const int StartLength = 16; // magic, version, head length
    private const int ChecksumLength = 8;
    private const int MaxLength = 16 << 20;

    /// <summary>Writes the head of <paramref name="index"/> at the writer's position (after magic and version).</summary>
    public static void Write(BinaryWriter writer, MemoryStream memory, JobsIndex index)
    {
        writer.Flush();
        long lengthAt = memory.Position;
        writer.Write(0); // the length, written once known
        int count = Math.Min(Count, index.Entries.Count);
        writer.Write(count);
        for (int i = 0; i < count; i++)
        {
            var job = index.Entries[i].Job;
            writer.Write(job.Id.Value);
            JobRecordCodec.Write(writer, job);
        }

        writer.Flush();
        long end = memory.Position;
        var buffer = memory.GetBuffer();
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan((int)lengthAt, 4), (int)(end - lengthAt - 4));
        writer.Write(XxHash3.HashToUInt64(buffer.AsSpan(0, (int)end)));
    }

    /// <summary>Steps over the head (the whole file's checksum has covered it).</summary>
    public static void Skip(ref IndexReader reader)
    {
        int length = reader.ReadInt32();
        reader.ReadBytes(length);
        reader.ReadUInt64();
    }

    /// <summary>
    /// The head's jobs from the index at <paramref name="path"/>, reading only the head; null when the file is missing,
    /// of another format, or its head is damaged.
    /// </summary>
    public static IReadOnlyList<Job>? Read(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> start = stackalloc byte[StartLength];
            if (HandleReads.ReadFromStart(handle, start) < StartLength
                || !start[..JobsIndexFile.Magic.Length].SequenceEqual(JobsIndexFile.Magic)
                || BinaryPrimitives.ReadInt32LittleEndian(start[8..]) != JobsIndexFile.CurrentVersion)
            {
                return null;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(start[12..]);
            if (length is < 4 or > MaxLength)
            {
                return null;
            }

            var bytes = new byte[StartLength + length + ChecksumLength];
            if (HandleReads.ReadFromStart(handle, bytes) < bytes.Length || ChecksummedBody.Of(bytes, JobsIndexFile.Magic).IsEmpty)
            {
                return null;
            }

            return Decode(bytes.AsSpan(0, StartLength + length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException)
        {
            return null; // a cache: unreadable reads as none, and the whole listing decides
        }
    }

    private static Job[]? Decode(ReadOnlySpan<byte> head)
    {
        var reader = new IndexReader(head, StartLength);
        int count = reader.ReadInt32();
        if (count is < 0 or > Count)
        {
            return null;
        }

        var experts = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var jobs = new Job[count];
        for (int i = 0; i < count; i++)
        {
            if (!JobId.TryParse(reader.ReadString(), out var id))
            {
                return null;
            }

            jobs[i] = JobRecordCodec.Read(ref reader, id, experts);
        }

        return reader.Position == head.Length ? jobs : null;
    }
}
