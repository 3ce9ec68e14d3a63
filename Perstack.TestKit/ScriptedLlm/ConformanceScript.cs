using System.Text.Json;
using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// The stateless answers of the scripted LLM that the reference runtime's conformance runs used. Each reply depends
/// on the request alone:
/// <list type="bullet">
/// <item>A request <b>without tools</b> is the run-result call after <c>attemptCompletion</c>: it answers with the text
/// <c>Fake final answer. Query was: '&lt;query&gt;'. Tools used in this turn: &lt;list&gt;.</c>, where the query is the
/// last real user text and the list names, comma-separated and in order, the tools called since it.</item>
/// <item>A request <b>with tools</b> answers with one tool call: the next tool the request offers that has not been
/// called since the last real user text, in this order: <c>askUser</c> (<c>{"question":"Fake question: may I
/// proceed?"}</c>), a delegate tool (input schema exactly <c>{query}</c>; <c>{"query":"Delegated sub-task for:
/// &lt;query&gt;"}</c>), <c>think</c> (<c>{"thought":"Fake thought about: &lt;query&gt;","nextThoughtNeeded":false}</c>),
/// <c>todo</c> (adds one open todo: <c>{"newTodos":["fake todo item"]}</c>), <c>writeTextFile</c>
/// (<c>{"path":"fake-output.txt","text":"written by fakellm for query: &lt;query&gt;\n"}</c>), <c>attemptCompletion</c>
/// (<c>{}</c>).</item>
/// <item>If <c>attemptCompletion</c> returned <c>remainingTodos</c>, it calls <c>todo</c> with
/// <c>{"completedTodos":[ids]}</c> and then <c>attemptCompletion</c> again.</item>
/// <item>Usage is <c>input_tokens = 100 + 50 × (entries in the history)</c>, <c>output_tokens = 25</c>.</item>
/// </list>
/// A "real user text" is a user message with text and no tool results (an <c>askUser</c> answer comes back as a tool
/// result, so it does not start a new turn). Outside the conformance set: when only unknown tools are offered, the
/// first one not yet called is called with <c>{}</c>; when every tool has been called, <c>attemptCompletion</c> (or
/// the first offered tool) is called again.
/// </summary>
internal static class ConformanceScript
{
    /// <summary>Output tokens of every reply.</summary>
    public const int OutputTokens = 25;

    private static readonly string[] FixedOrder = ["askUser", "think", "todo", "writeTextFile", "attemptCompletion"];

    /// <summary>Input tokens reported for a history of <paramref name="entries"/> entries.</summary>
    public static int InputTokens(int entries) => 100 + (50 * entries);

    /// <summary>The reply to a request.</summary>
    public static ScriptedAnswer Answer(ScriptedConversation conversation)
    {
        var inputTokens = InputTokens(conversation.Messages.Count);
        var turnStart = LastIndex(conversation.Messages, m => m.IsRealUserText);
        var query = turnStart >= 0 ? conversation.Messages[turnStart].Text! : string.Empty;
        var turn = conversation.Messages.Skip(turnStart + 1).ToList();
        var calls = turn.SelectMany(m => m.ToolCalls).ToList();
        var results = turn.SelectMany(m => m.ToolResults).GroupBy(r => r.ToolCallId).ToDictionary(g => g.Key, g => g.Last().Text);

        if (conversation.Tools.Count == 0)
        {
            var used = calls.Count == 0 ? "none" : string.Join(", ", calls.Select(c => c.Name));
            return ScriptedAnswer.Say($"Fake final answer. Query was: '{query}'. Tools used in this turn: {used}.", inputTokens, OutputTokens);
        }

        var offered = conversation.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var lastCompletion = LastIndex(calls, c => c.Name == "attemptCompletion");
        if (lastCompletion >= 0
            && results.TryGetValue(calls[lastCompletion].Id, out var completionResult)
            && RemainingTodoIds(completionResult) is { Count: > 0 } remaining)
        {
            var todoSince = calls.Skip(lastCompletion + 1).Any(c => c.Name == "todo");
            if (!todoSince && offered.Contains("todo"))
            {
                return ScriptedAnswer.Call("todo", new JsonObject { ["completedTodos"] = new JsonArray([.. remaining.Select(id => (JsonNode)id)]) }, inputTokens, OutputTokens);
            }

            if (offered.Contains("attemptCompletion"))
            {
                return ScriptedAnswer.Call("attemptCompletion", [], inputTokens, OutputTokens);
            }
        }

        var called = calls.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var delegates = conversation.Tools.Where(t => IsDelegate(t) && !FixedOrder.Contains(t.Name)).Select(t => t.Name);
        var order = new[] { FixedOrder[0] }.Concat(delegates).Concat(FixedOrder.Skip(1));
        foreach (var name in order)
        {
            if (offered.Contains(name) && !called.Contains(name))
            {
                return ScriptedAnswer.Call(name, InputFor(name, query, conversation), inputTokens, OutputTokens);
            }
        }

        var unknown = conversation.Tools.FirstOrDefault(t => !called.Contains(t.Name));
        if (unknown is not null)
        {
            return ScriptedAnswer.Call(unknown.Name, [], inputTokens, OutputTokens);
        }

        var again = offered.Contains("attemptCompletion") ? "attemptCompletion" : conversation.Tools[0].Name;
        return ScriptedAnswer.Call(again, InputFor(again, query, conversation), inputTokens, OutputTokens);
    }

    /// <summary>Whether a tool's input schema is exactly <c>{query}</c>: a delegate expert.</summary>
    public static bool IsDelegate(ScriptedConversation.Tool tool) =>
        tool.Schema?["properties"] is JsonObject properties && properties.Count == 1 && properties.ContainsKey("query");

    private static JsonObject InputFor(string name, string query, ScriptedConversation conversation) => name switch
    {
        "askUser" => new JsonObject { ["question"] = "Fake question: may I proceed?" },
        "think" => new JsonObject { ["thought"] = $"Fake thought about: {query}", ["nextThoughtNeeded"] = false },
        "todo" => new JsonObject { ["newTodos"] = new JsonArray("fake todo item") },
        "writeTextFile" => new JsonObject { ["path"] = "fake-output.txt", ["text"] = $"written by fakellm for query: {query}\n" },
        "attemptCompletion" => [],
        _ when conversation.Tools.Any(t => t.Name == name && IsDelegate(t)) => new JsonObject { ["query"] = $"Delegated sub-task for: {query}" },
        _ => [],
    };

    private static List<int>? RemainingTodoIds(string resultText)
    {
        try
        {
            if (JsonNode.Parse(resultText) is JsonObject result && result["remainingTodos"] is JsonArray todos)
            {
                return [.. todos.Select((todo, index) => todo?["id"] is JsonValue id && id.TryGetValue<int>(out var value) ? value : index)];
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static int LastIndex<T>(IReadOnlyList<T> items, Func<T, bool> predicate)
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            if (predicate(items[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
