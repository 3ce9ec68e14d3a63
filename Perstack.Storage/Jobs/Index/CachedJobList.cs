using System.Collections;
using Perstack.Core.Domain;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// The jobs of <c>jobs-index.bin</c> in its order (the latest activity first), each decoded the first time it is
/// asked for: the workbench draws its first screenful from a few records at 100,000 jobs, and sorting or filtering
/// decode the rest when they need them. Loading checks the whole file (checksum, every id) and steps over every
/// record (<see cref="JobRecordCodec.Skip"/>), so a record that was stepped over always decodes. Safe to read from
/// several threads.
/// </summary>
internal sealed class CachedJobList : IReadOnlyList<Job>
{
    private readonly byte[] _file;
    private readonly int _bodyLength;
    private readonly JobId[] _ids;
    private readonly int[] _records;
    private readonly Job?[] _jobs;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _expertKeys = new(StringComparer.Ordinal);
    private int _decoded;

    private CachedJobList(byte[] file, int bodyLength, JobId[] ids, int[] records)
    {
        _file = file;
        _bodyLength = bodyLength;
        _ids = ids;
        _records = records;
        _jobs = new Job?[ids.Length];
    }

    public int Count => _ids.Length;

    /// <summary>How many records were decoded so far.</summary>
    public int Decoded => Volatile.Read(ref _decoded);

    public Job this[int index]
    {
        get
        {
            if (Volatile.Read(ref _jobs[index]) is { } job)
            {
                return job;
            }

            lock (_gate)
            {
                if (_jobs[index] is null)
                {
                    var reader = new IndexReader(_file.AsSpan(0, _bodyLength), _records[index]);
                    Volatile.Write(ref _jobs[index], JobRecordCodec.Read(ref reader, _ids[index], _expertKeys.GetAlternateLookup<ReadOnlySpan<char>>()));
                    _decoded++;
                }

                return _jobs[index]!;
            }
        }
    }

    /// <summary>The index at <paramref name="path"/>; null when there is none, or it is not a valid index of this version.</summary>
    public static CachedJobList? Load(string path)
    {
        using var index = LoadedJobsIndex.Load(path);
        if (index.TakeFile() is not { } taken)
        {
            return null;
        }

        var (file, bodyLength, recordsAt) = taken;
        var records = new int[index.Count];
        var reader = new IndexReader(file.AsSpan(0, bodyLength), recordsAt);
        try
        {
            for (int i = 0; i < records.Length; i++)
            {
                JobsIndexFile.ReadStamp(ref reader);
                records[i] = reader.Position;
                JobRecordCodec.Skip(ref reader, index.Ids[i]);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            return null; // checksummed yet unreadable: written by a broken writer
        }

        return reader.Position == bodyLength ? new CachedJobList(file, bodyLength, index.Ids, records) : null;
    }

    public IEnumerator<Job> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
