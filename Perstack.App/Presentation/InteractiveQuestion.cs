using System.Text.Json;

namespace Perstack.App.Presentation;

/// <summary>
/// A question a tool call puts to the user (askUser and any tool whose arguments carry a <c>question</c> string),
/// shown as text: <c>askUser asks: Fake question: may I proceed?</c> instead of its raw JSON arguments.
/// </summary>
internal static class InteractiveQuestion
{
    /// <summary>The question of a call, if its arguments are an object with a non-empty <c>question</c> string.</summary>
    public static string? QuestionOf(JsonElement args) =>
        args.ValueKind == JsonValueKind.Object
        && args.TryGetProperty("question", out var question)
        && question.ValueKind == JsonValueKind.String
        && question.GetString() is { Length: > 0 } text
            ? text
            : null;

    /// <summary><c>{tool} asks: {question}</c> on one line, or null when the call asks nothing.</summary>
    public static string? Describe(string toolName, JsonElement args) =>
        QuestionOf(args) is { } question ? $"{toolName} asks: {question.ReplaceLineEndings(" ")}" : null;
}
