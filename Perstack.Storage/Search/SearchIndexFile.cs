using System.IO.Hashing;
using System.Text;
using Perstack.Core.Domain;
using Perstack.Core.Search;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Storage.Search;

/// <summary>
/// <c>search-index.bin</c> in the store's cache (<see cref="StoreCache.SearchIndexFile"/>): every job's searchable
/// text with the stamp it was read at, in binary with a checksum. Only a cache: a missing, foreign, damaged or
/// outdated file reads as empty and the next refresh reads the history again.
/// </summary>
/// <remarks>
/// Layout (little-endian; strings as <see cref="BinaryWriter.Write(string)"/> writes them): magic <c>PSSEARCH</c>,
/// format version (int32), entry count (int32), then per entry: stamp (int64), job id, expert key, title (a presence
/// byte, then the string), last activity (int64), checkpoint count (int32) and each checkpoint's id and step (int64),
/// the text, the line count (int32) and per line its start and its checkpoint index (int32 each); then the XxHash3 of
/// everything before it (uint64).
/// </remarks>
internal static class SearchIndexFile
{
    /// <summary>The format this code writes; any other is ignored and rebuilt.</summary>
    public const int CurrentVersion = 1;

    private static ReadOnlySpan<byte> Magic => "PSSEARCH"u8;

    /// <summary>Entries decoded between two reports of <see cref="Read"/>.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// The entries of the file at <paramref name="path"/>; empty when it is missing or not a valid index (then
    /// <paramref name="decoded"/> may have heard of entries already: a caller showing them drops them). The file is
    /// checked whole first; <paramref name="decoded"/> then hears of the entries so far every <see cref="BatchSize"/>, so
    /// the newest jobs (written first) are searchable before the whole file is decoded.
    /// </summary>
    public static IReadOnlyList<SearchIndexEntry> Read(string path, Action<IReadOnlyList<SearchIndexEntry>>? decoded = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        try
        {
            return Decode(bytes, decoded);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidIdException or ArgumentException or DecoderFallbackException)
        {
            return [];
        }
    }

    /// <summary>The file's bytes for <paramref name="entries"/>.</summary>
    public static ReadOnlyMemory<byte> Encode(IReadOnlyCollection<SearchIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(entries.Count);
            foreach (var (stamp, document) in entries)
            {
                writer.Write(stamp);
                writer.Write(document.JobId.Value);
                writer.Write(document.ExpertKey);
                writer.Write(document.Title is not null);
                if (document.Title is { } title)
                {
                    writer.Write(title);
                }

                writer.Write(document.LastActivityAt);
                writer.Write(document.Checkpoints.Count);
                foreach (var checkpoint in document.Checkpoints)
                {
                    writer.Write(checkpoint.Id.Value);
                    writer.Write(checkpoint.StepNumber);
                }

                writer.Write(document.Text);
                writer.Write(document.LineStarts.Length);
                for (int i = 0; i < document.LineStarts.Length; i++)
                {
                    writer.Write(document.LineStarts[i]);
                    writer.Write(document.LineCheckpoints[i]);
                }
            }

            writer.Write(XxHash3.HashToUInt64(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        }

        return memory.GetBuffer().AsMemory(0, (int)memory.Length);
    }

    private static List<SearchIndexEntry> Decode(byte[] bytes, Action<IReadOnlyList<SearchIndexEntry>>? decoded)
    {
        var body = ChecksummedBody.Of(bytes, Magic);
        if (body.IsEmpty)
        {
            return [];
        }

        var reader = new IndexReader(body, Magic.Length);
        if (reader.ReadInt32() != CurrentVersion)
        {
            return [];
        }

        int count = reader.ReadInt32();
        var entries = new List<SearchIndexEntry>(Math.Clamp(count, 0, 1_000_000));
        for (int i = 0; i < count; i++)
        {
            long stamp = reader.ReadInt64();
            var jobId = JobId.Parse(reader.ReadString());
            var expert = reader.ReadString();
            string? title = reader.ReadByte() != 0 ? reader.ReadString() : null;
            long lastActivity = reader.ReadInt64();
            var checkpoints = new SearchCheckpoint[Count(ref reader, body.Length)];
            for (int c = 0; c < checkpoints.Length; c++)
            {
                checkpoints[c] = new SearchCheckpoint(CheckpointId.Parse(reader.ReadString()), reader.ReadInt64());
            }

            var text = reader.ReadString();
            int lines = Count(ref reader, body.Length);
            var starts = new int[lines];
            var owners = new int[lines];
            for (int l = 0; l < lines; l++)
            {
                starts[l] = reader.ReadInt32();
                owners[l] = reader.ReadInt32();
            }

            var document = new SearchDocument
            {
                JobId = jobId,
                ExpertKey = expert,
                Title = title,
                LastActivityAt = lastActivity,
                Text = text,
                LineStarts = starts,
                LineCheckpoints = owners,
                Checkpoints = checkpoints,
            };
            if (!document.IsConsistent())
            {
                throw new InvalidDataException($"inconsistent entry for {jobId}");
            }

            entries.Add(new SearchIndexEntry(stamp, document));
            if (decoded is not null && entries.Count % BatchSize == 0)
            {
                decoded(entries);
            }
        }

        return entries;
    }

    // A count no larger than the bytes left could hold: a forged count cannot make us allocate gigabytes.
    private static int Count(ref IndexReader reader, int length)
    {
        int count = reader.ReadInt32();
        return count >= 0 && count <= length - reader.Position ? count : throw new InvalidDataException("bad count");
    }
}
