using System.Text.Json;
using Perstack.App.Features.Log.Reading;
using Perstack.App.Presentation;

namespace Perstack.App.Features.Log.Formatting;

/// <summary>
/// The terminal rendering of one event: <c>[Step n] type HH:MM:SS</c> (UTC) and its detail lines, read from the stored
/// JSON, so events of any writer (this project, the TypeScript runtime at 7cb873b or later) show what they hold.
/// </summary>
internal static class EventText
{
    /// <summary>The header line, the type padded to 24 characters.</summary>
    public static string Header(LoggedEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        return $"[Step {runEvent.StepNumber}] {runEvent.Type,-24} {TimeFormat.UtcClock(runEvent.Timestamp)}";
    }

    /// <summary>The detail lines (indented), none for events without a payload worth a line.</summary>
    public static IEnumerable<string> Details(LoggedEvent runEvent, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var e = runEvent.Root;
        foreach (var thinking in Thinking(e, runEvent.Type))
        {
            yield return $"{ThinkingPrefix}{TextPreview.Cut(thinking, verbose ? 2_000 : 200)}";
        }

        switch (runEvent.Type)
        {
            case "startRun":
                var query = Items(e, "inputMessages").FirstOrDefault(m => String(m, "type") == "userMessage");
                if (query.ValueKind == JsonValueKind.Object)
                {
                    yield return $"  Query: \"{TextPreview.Cut(FirstText(query, "contents"), 60)}\"";
                }

                break;
            case "callTools" when verbose:
                foreach (var call in Items(e, "toolCalls"))
                {
                    yield return $"  [{String(call, "skillName")}] {String(call, "toolName")}";
                    yield return $"    Args: {(call.TryGetProperty("args", out var args) ? args.GetRawText() : "{}")}";
                }

                break;
            case "callTools":
                yield return $"  Tools: {string.Join(", ", Items(e, "toolCalls").Select(c => String(c, "toolName")))}";
                break;
            case "callInteractiveTool":
                yield return $"  Interactive: {string.Join(", ", ToolNames(e))}";
                break;
            case "resolveToolResults":
                foreach (var result in Items(e, "toolResults"))
                {
                    var text = FirstText(result, "result");
                    var mark = text.StartsWith("error", StringComparison.OrdinalIgnoreCase) ? "✗" : "✓";
                    yield return $"  {mark} {String(result, "toolName")}: {TextPreview.Cut(text, 40)}";
                }

                break;
            case "stopRunByError" when e.TryGetProperty("error", out var error):
                yield return $"  Error: {String(error, "name")}";
                yield return $"  Message: {TextPreview.Cut(String(error, "message"), 200)}";
                yield return $"  Retryable: {(error.TryGetProperty("isRetryable", out var retryable) && retryable.ValueKind == JsonValueKind.True ? "true" : "false")}";
                break;
            case "callDelegate":
                yield return $"  Delegate to: {string.Join(", ", ToolNames(e))}";
                break;
            case "stopRunByDelegate" when e.TryGetProperty("checkpoint", out var checkpoint) && Items(checkpoint, "delegateTo").Any():
                yield return $"  Delegate to: {string.Join(", ", Items(checkpoint, "delegateTo").Select(t => t.TryGetProperty("expert", out var x) ? String(x, "key") : ""))}";
                break;
            case "completeRun":
                yield return $"  Result: {TextPreview.Cut(String(e, "text"), 80)}";
                break;
            case "retry":
                yield return $"  Reason: {TextPreview.Cut(String(e, "reason"), 200)}";
                break;
            default:
                break;
        }
    }

    /// <summary>The start of a line showing the model's reasoning (the terminal writer dims it).</summary>
    public const string ThinkingPrefix = "  Thinking: ";

    /// <summary>
    /// The reasoning an event holds: the thinking parts of the reply that made the calls (<c>callTools</c>) or of the
    /// final answer (<c>completeRun</c>), or today's TypeScript streaming summary (<c>completeStreamingReasoning</c>).
    /// </summary>
    private static IEnumerable<string> Thinking(JsonElement e, string type)
    {
        var message = type switch
        {
            "callTools" when e.TryGetProperty("newMessage", out var reply) => reply,
            "completeRun" when e.TryGetProperty("checkpoint", out var checkpoint) => Items(checkpoint, "messages").LastOrDefault(),
            _ => default,
        };
        if (type == "completeStreamingReasoning")
        {
            return [String(e, "text")];
        }

        return Items(message, "contents").Where(p => String(p, "type") == "thinkingPart")
            .Select(p => String(p, "thinking") is { Length: > 0 } text ? text : "(redacted)");
    }

    // 7cb873b stores one toolCall on callDelegate; today's TypeScript Perstack a toolCalls array of every delegate
    // call of the step; Perstack.NET writes both (the array is the whole story).
    private static IEnumerable<string> ToolNames(JsonElement e) =>
        Items(e, "toolCalls").Any()
            ? Items(e, "toolCalls").Select(c => String(c, "toolName"))
            : e.TryGetProperty("toolCall", out var call) && call.ValueKind == JsonValueKind.Object ? [String(call, "toolName")] : [];

    private static string String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    private static IEnumerable<JsonElement> Items(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                yield return item;
            }
        }
    }

    /// <summary>The text of the first <c>textPart</c> in the <paramref name="name"/> array.</summary>
    private static string FirstText(JsonElement element, string name) =>
        Items(element, name).Select(p => String(p, "type") == "textPart" ? String(p, "text") : null).FirstOrDefault(t => t is not null) ?? "";
}
