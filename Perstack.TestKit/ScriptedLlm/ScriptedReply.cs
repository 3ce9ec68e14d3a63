using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// One scripted answer, queued with <see cref="ScriptedLlmServer.Enqueue"/>; each request takes the next one, and
/// requests find the conformance rules once the queue is empty.
/// </summary>
public sealed class ScriptedReply
{
    private ScriptedReply(ScriptedReplyKind kind) => Kind = kind;

    /// <summary>What the reply does.</summary>
    public ScriptedReplyKind Kind { get; }

    /// <summary>HTTP status of a <see cref="ScriptedReplyKind.Status"/> reply.</summary>
    public int StatusCode { get; private init; } = 200;

    /// <summary><c>Retry-After</c> of a status reply (whole seconds; a fraction is also sent as <c>retry-after-ms</c>).</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Body of a status reply (the API's error JSON when null), or the text of a text reply.</summary>
    public string? Body { get; private init; }

    /// <summary>How long a hang lasts, or the pause between pieces of a slow drip.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Tool of a tool-call reply.</summary>
    public string? ToolName { get; private init; }

    /// <summary>Input of a tool-call reply.</summary>
    public JsonObject? ToolInput { get; private init; }

    /// <summary>Answers by the conformance rules (what an empty queue does).</summary>
    public static ScriptedReply Default() => new(ScriptedReplyKind.Default);

    /// <summary>Answers with HTTP <paramref name="statusCode"/> and the API's error body.</summary>
    /// <param name="statusCode">The status, e.g. 500 or 429.</param>
    /// <param name="retryAfter">Sent as <c>Retry-After</c> when given.</param>
    /// <param name="body">Replaces the API's error JSON.</param>
    public static ScriptedReply Status(int statusCode, TimeSpan? retryAfter = null, string? body = null) =>
        new(ScriptedReplyKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter, Body = body };

    /// <summary>Sends nothing for <paramref name="duration"/>, then answers normally (if the client still listens).</summary>
    public static ScriptedReply Hang(TimeSpan duration) => new(ScriptedReplyKind.Hang) { Duration = duration };

    /// <summary>Answers 200 with malformed JSON (a broken first event for a streaming request).</summary>
    public static ScriptedReply MalformedJson() => new(ScriptedReplyKind.MalformedJson);

    /// <summary>Answers with only <paramref name="text"/>, no tool call, even when tools are offered.</summary>
    public static ScriptedReply Text(string text) => new(ScriptedReplyKind.Text) { Body = text };

    /// <summary>Answers with one call of <paramref name="toolName"/>.</summary>
    /// <param name="toolName">The tool.</param>
    /// <param name="inputJson">Its input, a JSON object.</param>
    public static ScriptedReply ToolCall(string toolName, string inputJson = "{}") =>
        new(ScriptedReplyKind.ToolCall) { ToolName = toolName, ToolInput = (JsonObject)JsonNode.Parse(inputJson)! };

    /// <summary>Answers with several tool calls in one reply (Anthropic wire, non-streaming), in the given order.</summary>
    /// <param name="calls">Each call's tool and input JSON object.</param>
    public static ScriptedReply ToolCalls(params (string ToolName, string InputJson)[] calls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls.Length, 1);
        return new(ScriptedReplyKind.ToolCall)
        {
            ToolName = calls[0].ToolName,
            ToolInput = (JsonObject)JsonNode.Parse(calls[0].InputJson)!,
            MoreCalls = [.. calls.Skip(1).Select(c => (c.ToolName, (JsonObject)JsonNode.Parse(c.InputJson)!))],
        };
    }

    /// <summary>Further calls of a <see cref="ToolCalls"/> reply.</summary>
    public IReadOnlyList<(string ToolName, JsonObject Input)> MoreCalls { get; private init; } = [];

    /// <summary>Answers normally but waits <paramref name="interval"/> before each SSE event or body piece.</summary>
    public static ScriptedReply SlowDrip(TimeSpan interval) => new(ScriptedReplyKind.SlowDrip) { Duration = interval };

    /// <summary>
    /// Streams the conformance answer with its second event-stream message damaged (Bedrock ConverseStream only): a
    /// flipped bit in the prelude's lengths, or in the payload.
    /// </summary>
    public static ScriptedReply CorruptFrame(bool inPrelude) => new(ScriptedReplyKind.CorruptFrame) { CorruptsPrelude = inPrelude };

    /// <summary>Whether a <see cref="ScriptedReplyKind.CorruptFrame"/> reply damages the prelude (else the payload).</summary>
    public bool CorruptsPrelude { get; private init; }

    /// <summary>Resets the connection (TCP RST) after reading the request.</summary>
    public static ScriptedReply ConnectionReset() => new(ScriptedReplyKind.ConnectionReset);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ScriptedReplyKind.Status => $"Status({StatusCode})",
        ScriptedReplyKind.Hang or ScriptedReplyKind.SlowDrip => $"{Kind}({Duration.TotalMilliseconds} ms)",
        ScriptedReplyKind.ToolCall => $"ToolCall({ToolName})",
        _ => Kind.ToString(),
    };
}
