using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>What the scripted LLM says: text, or one tool call, with its usage.</summary>
/// <param name="Text">Text of the reply, or null for a tool call only.</param>
/// <param name="ToolName">Name of the tool called, or null.</param>
/// <param name="ToolInput">Input of the tool call.</param>
/// <param name="InputTokens">Reported input tokens.</param>
/// <param name="OutputTokens">Reported output tokens.</param>
internal sealed record ScriptedAnswer(string? Text, string? ToolName, JsonObject? ToolInput, int InputTokens, int OutputTokens)
{
    /// <summary>Reasoning before the answer (an Anthropic <c>thinking</c> block, an OpenAI <c>reasoning_content</c>), or null.</summary>
    public string? Thinking { get; init; }

    /// <summary>The signature of the Anthropic thinking block.</summary>
    public string? Signature { get; init; }

    /// <summary>Further tool calls of the same reply (parallel tool calls; Anthropic wire only), after the first.</summary>
    public IReadOnlyList<(string Name, JsonObject Input)> MoreCalls { get; init; } = [];

    /// <summary>The data of an Anthropic <c>redacted_thinking</c> block after the thinking, or null.</summary>
    public string? RedactedData { get; init; }

    /// <summary>A text reply.</summary>
    public static ScriptedAnswer Say(string text, int inputTokens, int outputTokens) => new(text, null, null, inputTokens, outputTokens);

    /// <summary>A reply with one tool call.</summary>
    public static ScriptedAnswer Call(string name, JsonObject input, int inputTokens, int outputTokens) => new(null, name, input, inputTokens, outputTokens);
}
