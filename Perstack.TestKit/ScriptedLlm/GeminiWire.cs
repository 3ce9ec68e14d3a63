using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// Gemini API bodies (<c>generateContent</c>, and <c>streamGenerateContent?alt=sse</c> chunks), as the Gemini API and
/// Vertex AI send them: function calls without ids, whole in one chunk; thoughts as <c>thought: true</c> text parts,
/// the signature on the first part after them; usage in every chunk, the finish reason in the last.
/// </summary>
internal static class GeminiWire
{
    /// <summary>The non-streaming reply.</summary>
    public static string Response(ScriptedAnswer answer, string model) =>
        Chunk(model, Parts(answer), "STOP", Usage(answer)).ToJsonString(WireJson.Options);

    /// <summary>The SSE frames of the streamed reply (thought, text pieces, the call, then the finish).</summary>
    public static IReadOnlyList<string> StreamEvents(ScriptedAnswer answer, string model)
    {
        var frames = new List<string>();
        foreach (var part in Parts(answer))
        {
            if (part["text"] is JsonValue text && part["thought"] is null && text.GetValue<string>().Length > 1)
            {
                var whole = text.GetValue<string>();
                frames.Add(Data(Chunk(model, [new JsonObject { ["text"] = whole[..(whole.Length / 2)] }], null, Usage(answer))));
                part["text"] = whole[(whole.Length / 2)..];
            }

            frames.Add(Data(Chunk(model, [part], null, Usage(answer))));
        }

        frames.Add(Data(Chunk(model, [new JsonObject { ["text"] = string.Empty }], "STOP", Usage(answer))));
        return frames;
    }

    /// <summary>An error body as Google's APIs send it.</summary>
    public static string Error(int status, string? message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = status,
            ["message"] = message ?? (status switch
            {
                429 => "Resource has been exhausted (e.g. check quota).",
                503 => "The model is overloaded. Please try again later.",
                >= 500 => "Internal error encountered.",
                _ => RawHttp.ReasonPhrase(status),
            }),
            ["status"] = status switch
            {
                400 => "INVALID_ARGUMENT",
                401 => "UNAUTHENTICATED",
                403 => "PERMISSION_DENIED",
                404 => "NOT_FOUND",
                429 => "RESOURCE_EXHAUSTED",
                503 => "UNAVAILABLE",
                _ => "INTERNAL",
            },
        },
    }.ToJsonString(WireJson.Options);

    /// <summary>A body that is not JSON.</summary>
    public static string MalformedResponse() => "{\"candidates\":[{\"content\":";

    /// <summary>A stream whose first chunk is not JSON.</summary>
    public static IReadOnlyList<string> MalformedStream() => ["data: {\"candidates\":[{\n\n"];

    private static List<JsonObject> Parts(ScriptedAnswer answer)
    {
        var parts = new List<JsonObject>();
        if (answer.Thinking is { } thinking)
        {
            parts.Add(new JsonObject { ["text"] = thinking, ["thought"] = true });
        }

        if (answer.Text is { } text)
        {
            parts.Add(new JsonObject { ["text"] = text });
        }

        foreach (var (name, input) in answer.ToolName is { } first ? new[] { (first, answer.ToolInput ?? []) }.Concat(answer.MoreCalls) : [])
        {
            parts.Add(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = input.DeepClone() } });
        }

        if (answer.Signature is { } signature && parts.Count > (answer.Thinking is null ? 0 : 1))
        {
            parts[answer.Thinking is null ? 0 : 1]["thoughtSignature"] = signature;
        }

        return parts;
    }

    private static JsonObject Chunk(string model, IEnumerable<JsonObject> parts, string? finishReason, JsonObject usage)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray([.. parts]) },
            ["index"] = 0,
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = usage,
            ["modelVersion"] = model,
            ["responseId"] = Ids.New("resp_fake"),
        };
    }

    private static JsonObject Usage(ScriptedAnswer answer)
    {
        var thoughts = answer.Thinking is null ? 0 : 10;
        var usage = new JsonObject
        {
            ["promptTokenCount"] = answer.InputTokens,
            ["candidatesTokenCount"] = answer.OutputTokens,
            ["totalTokenCount"] = answer.InputTokens + answer.OutputTokens + thoughts,
        };
        if (thoughts > 0)
        {
            usage["thoughtsTokenCount"] = thoughts;
        }

        return usage;
    }

    private static string Data(JsonObject chunk) => $"data: {chunk.ToJsonString(WireJson.Options)}\r\n\r\n";
}
