using System.Buffers;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// <c>jobs-index.bin</c> in memory, read in two steps: <see cref="Load"/> checks the file and decodes the folder
/// stamp and the folder names, which is all a listing needs to start stamping files; <see cref="TryDecodeEntries"/>
/// decodes the records meanwhile. Owns pooled buffers (a fresh megabytes-long array per listing would land on the
/// large-object heap and bring a full collection every few listings; the workbench lists on every refresh).
/// </summary>
internal sealed class LoadedJobsIndex : IDisposable
{
    private byte[]? _file;
    private readonly int _bodyLength;
    private readonly int _recordsAt;
    private JobsIndexEntry[]? _entries;

    private LoadedJobsIndex(byte[]? file, int bodyLength, int recordsAt, FileStamp folderStamp, JobId[] ids, string[] otherFolders)
    {
        _file = file;
        _bodyLength = bodyLength;
        _recordsAt = recordsAt;
        FolderStamp = folderStamp;
        Ids = ids;
        OtherFolders = otherFolders;
    }

    /// <summary>No index (nothing to give back to a pool, so one instance serves all).</summary>
    public static LoadedJobsIndex Empty { get; } = new(null, 0, 0, default, [], []);

    /// <summary>See <see cref="JobsIndex.FolderStamp"/>.</summary>
    public FileStamp FolderStamp { get; }

    /// <summary>The entries' job ids, in entry order (the latest activity first).</summary>
    public JobId[] Ids { get; }

    /// <summary>See <see cref="JobsIndex.OtherFolders"/>.</summary>
    public string[] OtherFolders { get; }

    /// <summary>How many entries.</summary>
    public int Count => Ids.Length;

    /// <summary>The index at <paramref name="path"/>; empty when the file is missing or not a valid index of this version.</summary>
    public static LoadedJobsIndex Load(string path)
    {
        byte[]? rented = null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            if (length > int.MaxValue / 2)
            {
                return Empty;
            }

            rented = ArrayPool<byte>.Shared.Rent((int)length);
            int read = HandleReads.ReadFromStart(handle, rented.AsSpan(0, (int)length));

            var loaded = TryLoad(rented, read);
            if (loaded is not null)
            {
                rented = null; // the index owns it now
            }

            return loaded ?? Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The entries, in a pooled array (the first <see cref="Count"/> items) that lives as long as this index;
    /// null when a record is unreadable (then nothing in this index may be trusted: a writer was broken).
    /// </summary>
    public JobsIndexEntry[]? TryDecodeEntries()
    {
        if (_entries is not null || _file is null)
        {
            return _entries ?? [];
        }

        var entries = ArrayPool<JobsIndexEntry>.Shared.Rent(Count);
        var experts = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>(); // a handful of keys shared by 100,000 jobs
        var reader = new IndexReader(_file.AsSpan(0, _bodyLength), _recordsAt);
        try
        {
            for (int i = 0; i < Count; i++)
            {
                var stamp = JobsIndexFile.ReadStamp(ref reader);
                entries[i] = new JobsIndexEntry(stamp, JobRecordCodec.Read(ref reader, Ids[i], experts));
            }

            if (reader.Position == _bodyLength)
            {
                _entries = entries;
                return entries;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            // checksummed yet unreadable: written by a broken writer
        }

        ArrayPool<JobsIndexEntry>.Shared.Return(entries, clearArray: true);
        return null;
    }

    /// <summary>
    /// Hands the file's bytes over to a reader that outlives this index (<see cref="CachedJobList"/>): the body's length
    /// and where the records start; this index no longer gives the buffer back to the pool. Null for an empty index.
    /// </summary>
    public (byte[] File, int BodyLength, int RecordsAt)? TakeFile()
    {
        if (_file is not { } file || _entries is not null)
        {
            return null;
        }

        _file = null;
        return (file, _bodyLength, _recordsAt);
    }

    /// <summary>Gives the buffers back to the pool.</summary>
    public void Dispose()
    {
        if (_file is not null)
        {
            ArrayPool<byte>.Shared.Return(_file);
            _file = null;
        }

        if (_entries is not null)
        {
            ArrayPool<JobsIndexEntry>.Shared.Return(_entries, clearArray: true); // let the jobs go
            _entries = null;
        }
    }

    private static LoadedJobsIndex? TryLoad(byte[] file, int length)
    {
        var body = JobsIndexFile.CheckedBody(file.AsSpan(0, length));
        if (body.IsEmpty)
        {
            return null;
        }

        var reader = new IndexReader(body, JobsIndexFile.Magic.Length);
        try
        {
            if (reader.ReadInt32() != JobsIndexFile.CurrentVersion)
            {
                return null;
            }

            JobsIndexHead.Skip(ref reader);
            var folderStamp = JobsIndexFile.ReadStamp(ref reader);
            int count = reader.ReadInt32(), others = reader.ReadInt32();
            if (count < 0 || others < 0 || count > body.Length / 32 || others > body.Length)
            {
                return null;
            }

            var ids = new JobId[count];
            for (int i = 0; i < count; i++)
            {
                if (!JobId.TryParse(reader.ReadString(), out ids[i]))
                {
                    return null;
                }
            }

            var otherFolders = new string[others];
            for (int i = 0; i < others; i++)
            {
                otherFolders[i] = reader.ReadString();
            }

            return new LoadedJobsIndex(file, body.Length, reader.Position, folderStamp, ids, otherFolders);
        }
        catch (InvalidDataException)
        {
            return null; // checksummed yet unreadable: written by a broken writer; rebuild
        }
    }
}
