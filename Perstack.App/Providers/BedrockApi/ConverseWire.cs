using System.Text.Json;

namespace Perstack.App.Providers.BedrockApi;

// The Converse API's shapes (camelCase on the wire), flat records so the source generator needs no polymorphism:
// a content block is one object with exactly one member set, as the API's union types are.

/// <summary>A <c>Converse</c>/<c>ConverseStream</c> request body.</summary>
internal sealed record ConverseRequest
{
    public required IReadOnlyList<ConverseMessage> Messages { get; init; }

    public IReadOnlyList<ConverseBlock>? System { get; init; }

    public ConverseInferenceConfig? InferenceConfig { get; init; }

    public ConverseToolConfig? ToolConfig { get; init; }

    public JsonElement? AdditionalModelRequestFields { get; init; }
}

/// <summary>A message: <c>user</c> or <c>assistant</c>, with its blocks.</summary>
internal sealed record ConverseMessage(string Role, IReadOnlyList<ConverseBlock> Content);

/// <summary>A content block: one of text, image, document, toolUse, toolResult, reasoningContent.</summary>
internal sealed record ConverseBlock
{
    public string? Text { get; init; }

    public ConverseMedia? Image { get; init; }

    public ConverseMedia? Document { get; init; }

    public ConverseToolUse? ToolUse { get; init; }

    public ConverseToolResult? ToolResult { get; init; }

    public ConverseReasoning? ReasoningContent { get; init; }

    public JsonElement? Json { get; init; }
}

/// <summary>An image or document: its format (<c>png</c>, <c>pdf</c>, …), a name for documents, and its bytes.</summary>
internal sealed record ConverseMedia(string Format, string? Name, ConverseMediaSource Source);

/// <summary>Media bytes, base64 on the wire.</summary>
internal sealed record ConverseMediaSource(byte[] Bytes);

/// <summary>A tool call (in a reply, also the start of a streamed one without input).</summary>
internal sealed record ConverseToolUse
{
    public required string ToolUseId { get; init; }

    public required string Name { get; init; }

    public JsonElement? Input { get; init; }
}

/// <summary>A tool's result: text or JSON blocks, <c>success</c> or <c>error</c>.</summary>
internal sealed record ConverseToolResult(string ToolUseId, IReadOnlyList<ConverseBlock> Content, string? Status);

/// <summary>Reasoning: its text and signature, or redacted bytes.</summary>
internal sealed record ConverseReasoning
{
    public ConverseReasoningText? ReasoningText { get; init; }

    public byte[]? RedactedContent { get; init; }
}

/// <summary>Reasoning text and the signature the model needs to see it again.</summary>
internal sealed record ConverseReasoningText(string Text, string? Signature);

/// <summary>Generation limits and sampling.</summary>
internal sealed record ConverseInferenceConfig
{
    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }
}

/// <summary>The tools offered and how the model must use them.</summary>
internal sealed record ConverseToolConfig(IReadOnlyList<ConverseTool> Tools, ConverseToolChoice? ToolChoice);

/// <summary>One tool: <c>{"toolSpec":{…}}</c>.</summary>
internal sealed record ConverseTool(ConverseToolSpec ToolSpec);

/// <summary>A tool's name, description and JSON schema (<c>inputSchema.json</c>).</summary>
internal sealed record ConverseToolSpec(string Name, string? Description, ConverseSchema InputSchema);

/// <summary><c>{"json": schema}</c>.</summary>
internal sealed record ConverseSchema(JsonElement Json);

/// <summary>One of <c>auto</c>, <c>any</c> (an empty object each) or <c>tool</c> (with a name).</summary>
internal sealed record ConverseToolChoice
{
    public JsonElement? Auto { get; init; }

    public JsonElement? Any { get; init; }

    public ConverseNamedTool? Tool { get; init; }
}

/// <summary><c>{"name": …}</c>.</summary>
internal sealed record ConverseNamedTool(string Name);

/// <summary>A <c>Converse</c> reply.</summary>
internal sealed record ConverseResponse
{
    public ConverseOutput? Output { get; init; }

    public string? StopReason { get; init; }

    public ConverseUsage? Usage { get; init; }
}

/// <summary><c>{"message": …}</c>.</summary>
internal sealed record ConverseOutput(ConverseMessage? Message);

/// <summary>Token counts.</summary>
internal sealed record ConverseUsage
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? TotalTokens { get; init; }

    public long? CacheReadInputTokens { get; init; }

    public long? CacheWriteInputTokens { get; init; }
}

/// <summary>
/// The payload of one <c>ConverseStream</c> event; the event's kind is its <c>:event-type</c> header
/// (<c>messageStart</c>, <c>contentBlockStart</c>, <c>contentBlockDelta</c>, <c>contentBlockStop</c>,
/// <c>messageStop</c>, <c>metadata</c>).
/// </summary>
internal sealed record ConverseStreamEvent
{
    public int? ContentBlockIndex { get; init; }

    public ConverseBlockStart? Start { get; init; }

    public ConverseBlockDelta? Delta { get; init; }

    public string? StopReason { get; init; }

    public ConverseUsage? Usage { get; init; }

    public string? Message { get; init; }
}

/// <summary>The start of a block: only tool calls announce themselves.</summary>
internal sealed record ConverseBlockStart(ConverseToolUse? ToolUse);

/// <summary>A piece of a block: text, a piece of a tool call's JSON input, or reasoning.</summary>
internal sealed record ConverseBlockDelta
{
    public string? Text { get; init; }

    public ConverseToolInputDelta? ToolUse { get; init; }

    public ConverseReasoningDelta? ReasoningContent { get; init; }
}

/// <summary><c>{"input": "partial JSON"}</c>.</summary>
internal sealed record ConverseToolInputDelta(string? Input);

/// <summary>A piece of reasoning: text, the signature, or redacted bytes.</summary>
internal sealed record ConverseReasoningDelta
{
    public string? Text { get; init; }

    public string? Signature { get; init; }

    public byte[]? RedactedContent { get; init; }
}
