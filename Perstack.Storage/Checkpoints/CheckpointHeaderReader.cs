using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// Reads a checkpoint file's header fields with a forward-only reader, skipping <c>messages</c> without
/// materializing it: the cost is a scan of the bytes, not an object graph of the whole conversation.
/// </summary>
internal static class CheckpointHeaderReader
{
    /// <summary>The header of <paramref name="utf8"/>, or null and the reason.</summary>
    public static CheckpointSummary? TryRead(ReadOnlySpan<byte> utf8, out string? problem)
    {
        if (utf8.IsEmpty)
        {
            problem = "the file is empty";
            return null;
        }

        try
        {
            var summary = Read(utf8);
            problem = null;
            return summary;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or PerstackException)
        {
            problem = PerstackJson.Describe(e);
            return null;
        }
    }

    private static CheckpointSummary Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a checkpoint must be a JSON object");

        CheckpointId? id = null, parent = null;
        RunId? runId = null;
        JobId? jobId = null;
        CheckpointStatus? status = null;
        long? step = null, sequence = null;
        ExpertRef? expert = null;
        Usage? usage = null;
        double? contextWindowUsage = null;
        DelegatedBy? delegatedBy = null;
        CheckpointError? error = null;
        bool sawMessages = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Expect(reader.Read(), "unexpected end of data");
            switch (name)
            {
                case "id": id = CheckpointId.Parse(reader.GetString()); break;
                case "jobId": jobId = JobId.Parse(reader.GetString()); break;
                case "runId": runId = RunId.Parse(reader.GetString()); break;
                case "status": status = JsonSerializer.Deserialize(ref reader, PerstackJsonContext.Default.CheckpointStatus); break;
                case "stepNumber": step = reader.GetInt64(); break;
                case "expert": expert = JsonSerializer.Deserialize(ref reader, PerstackJsonContext.Default.ExpertRef); break;
                case "usage": usage = JsonSerializer.Deserialize(ref reader, PerstackJsonContext.Default.Usage); break;
                case "contextWindowUsage": contextWindowUsage = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble(); break;
                case "sequence": sequence = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64(); break;
                case "parentCheckpointId": parent = reader.TokenType == JsonTokenType.Null ? null : CheckpointId.Parse(reader.GetString()); break;
                case "delegatedBy": delegatedBy = JsonSerializer.Deserialize(ref reader, PerstackJsonContext.Default.DelegatedBy); break;
                case "error": error = JsonSerializer.Deserialize(ref reader, PerstackJsonContext.Default.CheckpointError); break;
                case "messages":
                    Expect(reader.TokenType == JsonTokenType.StartArray, "messages must be an array");
                    sawMessages = true;
                    reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }

        Expect(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), "unexpected data after the checkpoint");
        Expect(sawMessages, "missing required field messages");
        return new CheckpointSummary
        {
            Id = id ?? throw new JsonException("missing required field id"),
            JobId = jobId ?? throw new JsonException("missing required field jobId"),
            RunId = runId ?? throw new JsonException("missing required field runId"),
            Status = status ?? throw new JsonException("missing required field status"),
            StepNumber = step ?? throw new JsonException("missing required field stepNumber"),
            Expert = expert ?? throw new JsonException("missing required field expert"),
            Usage = usage ?? throw new JsonException("missing required field usage"),
            ContextWindowUsage = contextWindowUsage,
            Sequence = sequence,
            ParentCheckpointId = parent,
            DelegatedBy = delegatedBy,
            Error = error,
        };
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new JsonException(message);
        }
    }
}
