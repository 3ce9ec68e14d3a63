using System.Text.Json.Nodes;

namespace Perstack.Tests.Helpers.ScriptedLlm;

/// <summary>What the scripted LLM says: text, or one tool call, with its usage.</summary>
/// <param name="Text">Text of the reply, or null for a tool call only.</param>
/// <param name="ToolName">Name of the tool called, or null.</param>
/// <param name="ToolInput">Input of the tool call.</param>
/// <param name="InputTokens">Reported input tokens.</param>
/// <param name="OutputTokens">Reported output tokens.</param>
internal sealed record ScriptedAnswer(string? Text, string? ToolName, JsonObject? ToolInput, int InputTokens, int OutputTokens)
{
    /// <summary>A text reply.</summary>
    public static ScriptedAnswer Say(string text, int inputTokens, int outputTokens) => new(text, null, null, inputTokens, outputTokens);

    /// <summary>A reply with one tool call.</summary>
    public static ScriptedAnswer Call(string name, JsonObject input, int inputTokens, int outputTokens) => new(null, name, input, inputTokens, outputTokens);
}
