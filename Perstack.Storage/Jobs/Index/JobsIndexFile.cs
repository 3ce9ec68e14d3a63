using System.IO.Hashing;
using System.Text;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// <c>jobs-index.bin</c> in the store's cache (<see cref="StoreCache.JobsIndexFile"/>), a <see cref="JobsIndex"/> in binary with a checksum. It is only a cache: a
/// missing, foreign, damaged or outdated file reads as empty and is rebuilt by the next listing.
/// </summary>
/// <remarks>
/// Layout (little-endian; strings as <see cref="BinaryWriter.Write(string)"/> writes them): magic <c>PSJOBIDX</c>,
/// format version (int32), the head (<see cref="JobsIndexHead"/>: the first jobs on their own, with their own checksum,
/// so a screenful shows before the rest is read), the folder stamp, the entry count and the other-folder count (int32 each), the entries'
/// job ids, the other folders, then per entry its stamp and its <see cref="JobRecordCodec"/> record, and the XxHash3
/// of everything before it (uint64). A stamp is size, mtime ns, ctime ns (int64 each) and inode (uint64). The ids
/// come first so a listing can start stamping files before it decodes a single record (<see cref="LoadedJobsIndex"/>).
/// </remarks>
internal static class JobsIndexFile
{
    /// <summary>The format this code writes; any other is ignored and rebuilt.</summary>
    /// <remarks>
    /// 1: no folder stamp or other folders, ids inside the records, entries in folder order. 2: no derived jobs (kept in
    /// the history folder, <c>&lt;root&gt;/jobs-index.bin</c>). 3: no <see cref="Perstack.Core.Domain.Job.ReadyToContinue"/>
    /// flag in the records (the record layout is otherwise 4's). 4: entries newest start first (5 keeps them latest
    /// activity first; the layout is otherwise the same). 5: no head (6 is 5 with <see cref="JobsIndexHead"/> after the version).
    /// </remarks>
    public const int CurrentVersion = 6;

    /// <summary>The file's first bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "PSJOBIDX"u8;

    /// <summary>The whole index; <see cref="JobsIndex.Empty"/> when the file is missing or not a valid index of this version.</summary>
    public static JobsIndex Read(string path)
    {
        using var loaded = LoadedJobsIndex.Load(path);
        return loaded.TryDecodeEntries() is { } entries
            ? new JobsIndex(loaded.FolderStamp, entries.AsSpan(0, loaded.Count).ToArray(), loaded.OtherFolders)
            : JobsIndex.Empty;
    }

    /// <summary>Writes the index atomically (a concurrent listing reads the old index or the new one).</summary>
    public static Task WriteAsync(string path, JobsIndex index, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, Encode(index), cancellationToken);

    /// <summary>The file's bytes for <paramref name="index"/>.</summary>
    public static ReadOnlyMemory<byte> Encode(JobsIndex index)
    {
        using var memory = new MemoryStream(capacity: 64 + (index.Entries.Count * 128));
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            JobsIndexHead.Write(writer, memory, index);
            Write(writer, index.FolderStamp);
            writer.Write(index.Entries.Count);
            writer.Write(index.OtherFolders.Count);
            foreach (var entry in index.Entries)
            {
                writer.Write(entry.Job.Id.Value);
            }

            foreach (var name in index.OtherFolders)
            {
                writer.Write(name);
            }

            foreach (var entry in index.Entries)
            {
                Write(writer, entry.Stamp);
                JobRecordCodec.Write(writer, entry.Job);
            }

            writer.Write(XxHash3.HashToUInt64(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        }

        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    /// <summary>The part before the checksum when <paramref name="bytes"/> has the magic and a matching checksum; else empty.</summary>
    public static ReadOnlySpan<byte> CheckedBody(ReadOnlySpan<byte> bytes) => ChecksummedBody.Of(bytes, Magic);

    /// <summary>A stamp as <see cref="Write(BinaryWriter, FileStamp)"/> wrote it.</summary>
    public static FileStamp ReadStamp(ref IndexReader reader) =>
        new(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64());

    private static void Write(BinaryWriter writer, FileStamp stamp)
    {
        writer.Write(stamp.Size);
        writer.Write(stamp.ModifiedNs);
        writer.Write(stamp.ChangedNs);
        writer.Write(stamp.Inode);
    }
}
