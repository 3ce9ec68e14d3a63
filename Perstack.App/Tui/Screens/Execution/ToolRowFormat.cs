using Perstack.Core.Text;
using System.Globalization;
using System.Text.Json;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The activity-log rows of a tool call (perstack-tui-cli.md §2.5 and §4.3): a heading chosen by tool name, then up
/// to a few detail lines once the result is in: line counts for file writes and edits, the first output lines of
/// exec, directory entries, todos, the thought.
/// </summary>
internal static class ToolRowFormat
{
    private const int MaxDetailLines = 4;
    private const int Width = 100;

    /// <summary>The heading while the call runs.</summary>
    public static string Header(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var a = call.Args;
        return call.ToolName switch
        {
            "think" => "● Think",
            "attemptCompletion" => "● Completion",
            "todo" => $"● Todo{TodoCounts(a)}",
            "clearTodo" => "● Todo Cleared",
            "exec" => Cut($"● Bash {Str(a, "command")} {string.Join(' ', Strs(a, "args"))}".TrimEnd() + (Str(a, "cwd") is { Length: > 0 } cwd and not "." ? $" (in {cwd})" : ""), Width),
            "readTextFile" => $"● Read Text File {ShortPath(Str(a, "path"))}{Range(a)}",
            "writeTextFile" => $"● Write Text File {ShortPath(Str(a, "path"))} (+{Lines(Str(a, "text"))})",
            "appendTextFile" => $"● Append Text File {ShortPath(Str(a, "path"))} (+{Lines(Str(a, "text"))})",
            "editTextFile" => $"● Edit Text File {ShortPath(Str(a, "path"))} (+{Lines(Str(a, "newText"))} -{Lines(Str(a, "oldText"))})",
            "listDirectory" => $"● List {ShortPath(Str(a, "path"))}",
            "deleteFile" => $"● Delete {ShortPath(Str(a, "path"))}",
            "deleteDirectory" => $"● Delete Dir {ShortPath(Str(a, "path"))}{(a.ValueKind == JsonValueKind.Object && a.TryGetProperty("recursive", out var r) && r.ValueKind == JsonValueKind.True ? " (recursive)" : "")}",
            "moveFile" => $"● Move {ShortPath(Str(a, "source"))} → {ShortPath(Str(a, "destination"))}",
            "createDirectory" => $"● Mkdir {ShortPath(Str(a, "path"))}",
            "getFileInfo" => $"● Info {ShortPath(Str(a, "path"))}",
            "readPdfFile" => $"● PDF {ShortPath(Str(a, "path"))}",
            "readImageFile" => $"● Image {ShortPath(Str(a, "path"))}",
            "testUrl" => string.Create(CultureInfo.InvariantCulture, $"● TestURL {Strs(a, "urls").Count()} URL(s)"),
            _ => $"● {call.ToolName} {Cut(a.GetRawText(), 80)}",
        };
    }

    /// <summary>The rows once <paramref name="result"/> is in.</summary>
    public static ToolOutcome Outcome(ToolCall call, ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Result.OfType<TextPart>().Select(p => p.Text).FirstOrDefault() ?? "";
        using var json = TryParse(text);
        var root = json?.RootElement;
        var header = Header(call);
        if (Failure(text, root) is { } failure)
        {
            return new ToolOutcome(header, [new ToolLine("✗ " + Cut(failure, Width), ActivityKind.Error), .. ExecFailureLines(call, root)], true);
        }

        var a = call.Args;
        return call.ToolName switch
        {
            "think" => new(header, [new ToolLine(Cut(Str(a, "thought") ?? "", Width))], false),
            "attemptCompletion" => Completion(root),
            "todo" => new(header, TodoLines(a, root), false),
            "exec" => new(header, Head(NonBlank(root is { } r && Str(r, "output") is { } output ? output : text)), false),
            "readTextFile" => new(header, [new ToolLine(CountText.Of(Lines(root is { } c ? Str(c, "content") : null), "line"))], false),
            "writeTextFile" or "appendTextFile" => new(header, Head(NonBlank(Str(a, "text") ?? ""), ActivityKind.Added, "+ "), false),
            "editTextFile" => new(header, [.. Head(NonBlank(Str(a, "oldText") ?? ""), ActivityKind.Removed, "- ", 2), .. Head(NonBlank(Str(a, "newText") ?? ""), ActivityKind.Added, "+ ", 2)], false),
            "listDirectory" => new(header, Head(Entries(root)), false),
            "deleteFile" or "deleteDirectory" => new(header, [new ToolLine("Removed")], false),
            "moveFile" => new(header, [new ToolLine("Moved")], false),
            "createDirectory" => new(header, [new ToolLine("Created")], false),
            "getFileInfo" => new(header, [new ToolLine("Fetched")], false),
            "readPdfFile" or "readImageFile" => new(header, [new ToolLine("Read")], false),
            "clearTodo" => new(header, [], false),
            _ => new(header, Head(NonBlank(text), max: 1), false),
        };
    }

    private static ToolOutcome Completion(JsonElement? root)
    {
        int remaining = root is { } r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("remainingTodos", out var todos) && todos.ValueKind == JsonValueKind.Array ? todos.GetArrayLength() : 0;
        return remaining > 0
            ? new(string.Create(CultureInfo.InvariantCulture, $"● Completion Blocked — {remaining} remaining {CountText.Noun(remaining, "task")}"), [], true)
            : new("● Completion Accepted", [], false);
    }

    /// <summary>The error a result reports: a JSON <c>error</c>, or text that starts with "error" or says "failed".</summary>
    private static string? Failure(string text, JsonElement? root)
    {
        if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("error", out var error))
        {
            var name = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
            return Str(r, "message") is { } message ? $"{name}: {message}" : name;
        }

        return root is null && (text.StartsWith("error", StringComparison.OrdinalIgnoreCase) || text.Contains("failed", StringComparison.OrdinalIgnoreCase))
            ? NonBlank(text).FirstOrDefault() ?? text
            : null;
    }

    private static List<ToolLine> ExecFailureLines(ToolCall call, JsonElement? root) =>
        call.ToolName == "exec" && root is { } r ? Head(NonBlank($"{Str(r, "stdout")}\n{Str(r, "stderr")}"), max: 2) : [];

    private static string TodoCounts(JsonElement a)
    {
        int added = Strs(a, "newTodos").Count();
        int completed = a.ValueKind == JsonValueKind.Object && a.TryGetProperty("completedTodos", out var c) && c.ValueKind == JsonValueKind.Array ? c.GetArrayLength() : 0;
        var parts = new List<string>();
        if (added > 0)
        {
            parts.Add($"Added {CountText.Of(added, "task")}");
        }

        if (completed > 0)
        {
            parts.Add($"Completed {CountText.Of(completed, "task")}");
        }

        return parts.Count == 0 ? "" : " " + string.Join(", ", parts);
    }

    private static List<ToolLine> TodoLines(JsonElement a, JsonElement? root)
    {
        var lines = Head(Strs(a, "newTodos").Select(t => "○ " + t), max: 3);
        if (root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("todos", out var todos) && todos.ValueKind == JsonValueKind.Array
            && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("completedTodos", out var done) && done.ValueKind == JsonValueKind.Array)
        {
            var ids = done.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetRawText()).ToHashSet(StringComparer.Ordinal);
            lines.AddRange(Head(todos.EnumerateArray().Where(t => t.TryGetProperty("id", out var id) && ids.Contains(id.GetRawText())).Select(t => "✓ " + Str(t, "title")), max: 3));
        }

        return lines;
    }

    private static IEnumerable<string> Entries(JsonElement? root) =>
        root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => $"{(Str(i, "type") == "directory" ? "📁" : "📄")} {Str(i, "name")}")
            : [];

    /// <summary>The first <paramref name="max"/> lines, then «... +k more».</summary>
    private static List<ToolLine> Head(IEnumerable<string> lines, ActivityKind kind = ActivityKind.Detail, string prefix = "", int max = MaxDetailLines)
    {
        var all = lines.ToList();
        var shown = all.Take(max).Select(l => new ToolLine(Cut(prefix + l, Width), kind)).ToList();
        if (all.Count > max)
        {
            shown.Add(new ToolLine(string.Create(CultureInfo.InvariantCulture, $"... +{all.Count - max} more")));
        }

        return shown;
    }

    private static IEnumerable<string> NonBlank(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Where(l => !string.IsNullOrWhiteSpace(l));

    private static int Lines(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length;

    private static string Range(JsonElement a) =>
        a.ValueKind == JsonValueKind.Object && (a.TryGetProperty("from", out var from) | a.TryGetProperty("to", out var to))
            ? $"#{(from.ValueKind == JsonValueKind.Number ? from.GetRawText() : "")}-{(to.ValueKind == JsonValueKind.Number ? to.GetRawText() : "")}"
            : "";

    /// <summary>Paths over 60 characters become <c>.../parent/file</c> (or <c>.../file</c>).</summary>
    public static string ShortPath(string? path)
    {
        if (path is null || path.Length <= 60)
        {
            return path ?? "";
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var tail = parts.Length >= 2 ? $".../{parts[^2]}/{parts[^1]}" : $".../{parts[^1]}";
        return tail.Length <= 60 || parts.Length < 2 ? tail : $".../{parts[^1]}";
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string> Strs(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];

    private static JsonDocument? TryParse(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The text on one line, cut to <paramref name="max"/> characters.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + "…";
    }
}
