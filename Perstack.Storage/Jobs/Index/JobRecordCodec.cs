using System.Text;
using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Json;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// A <see cref="Job"/> as a compact binary record of the jobs index: decoding 100,000 of these is a few
/// milliseconds, where parsing as many JSON documents is ~150 ms. A job carrying fields this version does not
/// know (<see cref="Job.UnknownFields"/>) is kept as its JSON instead, so nothing is lost. The job id is not in the
/// record: the index keeps the ids apart, so a listing can stamp the files while the records are decoded.
/// </summary>
internal static class JobRecordCodec
{
    private const byte FieldsKind = 0;
    private const byte JsonKind = 1;

    [Flags]
    private enum Optional : byte
    {
        None = 0,
        MaxSteps = 1,
        FinishedAt = 2,
        UpdatedAt = 4,
        Title = 8,
        ForkedFrom = 16,
        Derived = 32,
        ReadyToContinue = 64,
    }

    /// <summary>Writes <paramref name="job"/>.</summary>
    public static void Write(BinaryWriter writer, Job job)
    {
        // A derived job never has unknown fields (it was not read from JSON), so the flag always fits the fields record.
        if (job.UnknownFields is { Count: > 0 } && !job.IsDerived)
        {
            writer.Write(JsonKind);
            var json = JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented);
            writer.Write(json.Length);
            writer.Write(json);
            return;
        }

        writer.Write(FieldsKind);
        writer.Write((byte)job.Status);
        writer.Write(job.CoordinatorExpertKey);
        writer.Write(job.TotalSteps);
        var optional = (job.MaxSteps is null ? Optional.None : Optional.MaxSteps)
            | (job.FinishedAt is null ? Optional.None : Optional.FinishedAt)
            | (job.UpdatedAt is null ? Optional.None : Optional.UpdatedAt)
            | (job.Title is null ? Optional.None : Optional.Title)
            | (job.ForkedFrom is null ? Optional.None : Optional.ForkedFrom)
            | (job.IsDerived ? Optional.Derived : Optional.None)
            | (job.ReadyToContinue == true ? Optional.ReadyToContinue : Optional.None);
        writer.Write((byte)optional);
        writer.Write(job.Usage.InputTokens);
        writer.Write(job.Usage.OutputTokens);
        writer.Write(job.Usage.ReasoningTokens);
        writer.Write(job.Usage.TotalTokens);
        writer.Write(job.Usage.CachedInputTokens);
        writer.Write(job.StartedAt);
        WriteIf(writer, job.MaxSteps);
        WriteIf(writer, job.FinishedAt);
        WriteIf(writer, job.UpdatedAt);
        if (job.Title is { } title)
        {
            writer.Write(title);
        }

        if (job.ForkedFrom is { } origin)
        {
            writer.Write(origin.JobId.Value);
            writer.Write(origin.CheckpointId.Value);
        }
    }

    /// <summary>Reads a job written by <see cref="Write"/>.</summary>
    /// <param name="reader">Positioned at the record.</param>
    /// <param name="id">The job's id (kept apart from the record).</param>
    /// <param name="expertKeys">Expert keys met so far (ordinal), so jobs with the same key share one string (a few keys, 100,000 jobs).</param>
    /// <exception cref="InvalidDataException">The bytes are not such a record.</exception>
    public static Job Read(ref IndexReader reader, JobId id, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> expertKeys)
    {
        switch (reader.ReadByte())
        {
            case JsonKind:
                var json = reader.ReadBytes(reader.ReadInt32());
                var job = PerstackJson.TryDeserialize(json, PerstackJson.JobIndented, out var problem)
                    ?? throw new InvalidDataException(problem);
                return job.Id == id ? job : throw new InvalidDataException("the record is another job's");
            case FieldsKind:
                break;
            default:
                throw new InvalidDataException("unknown record kind");
        }

        byte status = reader.ReadByte();
        if (!Enum.IsDefined((JobStatus)status))
        {
            throw new InvalidDataException("unknown job status");
        }

        var expert = Shared(reader.ReadUtf8(), expertKeys);
        long totalSteps = reader.ReadInt64();
        var optional = (Optional)reader.ReadByte();
        var usage = new Usage
        {
            InputTokens = reader.ReadInt64(),
            OutputTokens = reader.ReadInt64(),
            ReasoningTokens = reader.ReadInt64(),
            TotalTokens = reader.ReadInt64(),
            CachedInputTokens = reader.ReadInt64(),
        };
        return new Job
        {
            Id = id,
            Status = (JobStatus)status,
            CoordinatorExpertKey = expert,
            TotalSteps = totalSteps,
            Usage = usage,
            StartedAt = reader.ReadInt64(),
            MaxSteps = optional.HasFlag(Optional.MaxSteps) ? reader.ReadInt64() : null,
            FinishedAt = optional.HasFlag(Optional.FinishedAt) ? reader.ReadInt64() : null,
            UpdatedAt = optional.HasFlag(Optional.UpdatedAt) ? reader.ReadInt64() : null,
            Title = optional.HasFlag(Optional.Title) ? reader.ReadString() : null,
            ForkedFrom = optional.HasFlag(Optional.ForkedFrom)
                ? ReadOrigin(ref reader)
                : null,
            IsDerived = optional.HasFlag(Optional.Derived),
            ReadyToContinue = optional.HasFlag(Optional.ReadyToContinue) ? true : null,
        };
    }

    /// <summary>
    /// Steps over a record <see cref="Read"/> would accept, making no job: what can fail in <see cref="Read"/> is
    /// checked here (the record's framing, its status, the ids of its origin, a JSON record whole), so a record skipped
    /// without an error always reads.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not such a record.</exception>
    public static void Skip(ref IndexReader reader, JobId id)
    {
        switch (reader.ReadByte())
        {
            case JsonKind:
                // Rare (a job.json with fields this version does not know): checked by reading it.
                var job = PerstackJson.TryDeserialize(reader.ReadBytes(reader.ReadInt32()), PerstackJson.JobIndented, out var problem)
                    ?? throw new InvalidDataException(problem);
                _ = job.Id == id ? job : throw new InvalidDataException("the record is another job's");
                return;
            case FieldsKind:
                break;
            default:
                throw new InvalidDataException("unknown record kind");
        }

        if (!Enum.IsDefined((JobStatus)reader.ReadByte()))
        {
            throw new InvalidDataException("unknown job status");
        }

        reader.ReadUtf8(); // expert key
        reader.ReadBytes(8); // total steps
        var optional = (Optional)reader.ReadByte();
        reader.ReadBytes((5 + 1) * 8); // usage, started at
        int longs = (optional.HasFlag(Optional.MaxSteps) ? 1 : 0) + (optional.HasFlag(Optional.FinishedAt) ? 1 : 0) + (optional.HasFlag(Optional.UpdatedAt) ? 1 : 0);
        reader.ReadBytes(longs * 8);
        if (optional.HasFlag(Optional.Title))
        {
            reader.ReadUtf8();
        }

        if (optional.HasFlag(Optional.ForkedFrom))
        {
            ReadOrigin(ref reader);
        }
    }

    /// <summary>The string of <paramref name="utf8"/> from <paramref name="strings"/>, added when new: no string is made for one met before.</summary>
    private static string Shared(ReadOnlySpan<byte> utf8, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> strings)
    {
        const int maxStack = 256;
        char[]? rented = utf8.Length > maxStack ? System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length) : null;
        try
        {
            Span<char> chars = rented ?? stackalloc char[maxStack];
            chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (!strings.TryGetValue(chars, out var shared))
            {
                shared = new string(chars);
                strings.Dictionary.Add(shared, shared);
            }

            return shared;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static JobId ReadId(ref IndexReader reader) =>
        JobId.TryParse(reader.ReadString(), out var id) ? id : throw new InvalidDataException("bad job id");

    private static JobOrigin ReadOrigin(ref IndexReader reader)
    {
        var jobId = ReadId(ref reader);
        return CheckpointId.TryParse(reader.ReadString(), out var checkpointId)
            ? new JobOrigin { JobId = jobId, CheckpointId = checkpointId }
            : throw new InvalidDataException("bad checkpoint id");
    }

    private static void WriteIf(BinaryWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.Write(v);
        }
    }
}
