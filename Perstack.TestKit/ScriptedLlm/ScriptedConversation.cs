using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// A chat request reduced to what the conformance rules read, the same for every wire format. System prompts are
/// left out; each remaining message is one history entry (on the OpenAI side, consecutive <c>tool</c> messages are one
/// entry, as the Anthropic side puts all tool results of a turn in one user message).
/// </summary>
internal sealed record ScriptedConversation(
    string Model,
    bool Stream,
    bool IncludeStreamUsage,
    IReadOnlyList<ScriptedConversation.Message> Messages,
    IReadOnlyList<ScriptedConversation.Tool> Tools)
{
    /// <summary>Whether the request turned reasoning on (Anthropic <c>thinking.type = enabled</c>, OpenAI <c>reasoning_effort</c>).</summary>
    public bool AsksForReasoning { get; init; }

    /// <summary>Reads an Anthropic Messages request (Bedrock and Vertex carry the model in the path).</summary>
    public static ScriptedConversation FromAnthropic(JsonObject body, string? modelFromPath, bool streamFromPath)
    {
        var messages = new List<Message>();
        foreach (var node in body["messages"]?.AsArray() ?? [])
        {
            if (node is not JsonObject message)
            {
                continue;
            }

            var role = message["role"]?.GetValue<string>() ?? "user";
            var texts = new List<string>();
            var calls = new List<ToolCall>();
            var results = new List<ToolResult>();
            if (message["content"] is JsonValue plain)
            {
                texts.Add(plain.GetValue<string>());
            }
            else
            {
                foreach (var block in message["content"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    switch (block["type"]?.GetValue<string>())
                    {
                        case "text":
                            texts.Add(block["text"]?.GetValue<string>() ?? string.Empty);
                            break;
                        case "tool_use":
                            calls.Add(new ToolCall(
                                block["id"]?.GetValue<string>() ?? string.Empty,
                                block["name"]?.GetValue<string>() ?? string.Empty,
                                block["input"] as JsonObject ?? []));
                            break;
                        case "tool_result":
                            results.Add(new ToolResult(block["tool_use_id"]?.GetValue<string>() ?? string.Empty, ContentText(block["content"])));
                            break;
                        default:
                            break;
                    }
                }
            }

            messages.Add(new Message(role, texts.Count == 0 ? null : string.Join("\n", texts), calls, results));
        }

        var tools = (body["tools"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Select(t => new Tool(t["name"]?.GetValue<string>() ?? string.Empty, t["input_schema"] as JsonObject))
            .ToList();
        var stream = streamFromPath || (body["stream"] is JsonValue s && s.GetValue<bool>());
        var model = modelFromPath ?? body["model"]?.GetValue<string>() ?? "unknown";
        return new ScriptedConversation(model, stream, true, messages, tools)
        {
            AsksForReasoning = body["thinking"]?["type"] is JsonValue type && type.GetValue<string>() == "enabled",
        };
    }

    /// <summary>Reads an OpenAI Chat Completions request.</summary>
    public static ScriptedConversation FromOpenAI(JsonObject body)
    {
        var messages = new List<Message>();
        foreach (var message in body["messages"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var role = message["role"]?.GetValue<string>() ?? "user";
            switch (role)
            {
                case "system":
                case "developer":
                    continue;
                case "tool":
                    var result = new ToolResult(message["tool_call_id"]?.GetValue<string>() ?? string.Empty, ContentText(message["content"]));
                    if (messages.Count > 0 && messages[^1].Role == "tool")
                    {
                        messages[^1] = messages[^1] with { ToolResults = [.. messages[^1].ToolResults, result] };
                    }
                    else
                    {
                        messages.Add(new Message("tool", null, [], [result]));
                    }

                    continue;
                default:
                    var calls = (message["tool_calls"]?.AsArray() ?? [])
                        .OfType<JsonObject>()
                        .Select(c => new ToolCall(
                            c["id"]?.GetValue<string>() ?? string.Empty,
                            c["function"]?["name"]?.GetValue<string>() ?? string.Empty,
                            ParseArguments(c["function"]?["arguments"]?.GetValue<string>())))
                        .ToList();
                    var text = message["content"] is null ? null : ContentText(message["content"]);
                    messages.Add(new Message(role, string.IsNullOrEmpty(text) ? null : text, calls, []));
                    continue;
            }
        }

        var tools = (body["tools"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Select(t => new Tool(t["function"]?["name"]?.GetValue<string>() ?? string.Empty, t["function"]?["parameters"] as JsonObject))
            .ToList();
        var stream = body["stream"] is JsonValue s && s.GetValue<bool>();
        var includeUsage = body["stream_options"]?["include_usage"] is JsonValue u && u.GetValue<bool>();
        return new ScriptedConversation(body["model"]?.GetValue<string>() ?? "unknown", stream, includeUsage, messages, tools)
        {
            AsksForReasoning = body["reasoning_effort"] is JsonValue effort && effort.GetValue<string>() != "none",
        };
    }

    /// <summary>
    /// Reads a Gemini request (the model and streaming are in the path). Function calls carry no id on Gemini's wire
    /// unless the client sends one; a response matches its call by id, else by name.
    /// </summary>
    public static ScriptedConversation FromGemini(JsonObject body, string model, bool stream)
    {
        var messages = new List<Message>();
        foreach (var content in body["contents"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var role = content["role"]?.GetValue<string>() == "model" ? "assistant" : "user";
            var texts = new List<string>();
            var calls = new List<ToolCall>();
            var results = new List<ToolResult>();
            foreach (var part in content["parts"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (part["functionCall"] is JsonObject call)
                {
                    var name = call["name"]?.GetValue<string>() ?? string.Empty;
                    calls.Add(new ToolCall(call["id"]?.GetValue<string>() ?? name, name, call["args"] as JsonObject ?? []));
                }
                else if (part["functionResponse"] is JsonObject response)
                {
                    var name = response["name"]?.GetValue<string>() ?? string.Empty;
                    var output = response["response"]?["content"] ?? response["response"];
                    results.Add(new ToolResult(response["id"]?.GetValue<string>() ?? name, ContentText(output)));
                }
                else if (part["text"] is JsonValue text && part["thought"] is null)
                {
                    texts.Add(text.GetValue<string>());
                }
            }

            messages.Add(new Message(role, texts.Count == 0 ? null : string.Join("\n", texts), calls, results));
        }

        var tools = (body["tools"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .SelectMany(t => t["functionDeclarations"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(f => new Tool(f["name"]?.GetValue<string>() ?? string.Empty, (f["parametersJsonSchema"] ?? f["parameters"]) as JsonObject))
            .ToList();
        return new ScriptedConversation(model, stream, true, messages, tools)
        {
            AsksForReasoning = body["generationConfig"]?["thinkingConfig"]?["includeThoughts"] is JsonValue include && include.GetValue<bool>(),
        };
    }

    /// <summary>Reads a Bedrock Converse request (the model and streaming are in the path).</summary>
    public static ScriptedConversation FromConverse(JsonObject body, string model, bool stream)
    {
        var messages = new List<Message>();
        foreach (var message in body["messages"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var role = message["role"]?.GetValue<string>() ?? "user";
            var texts = new List<string>();
            var calls = new List<ToolCall>();
            var results = new List<ToolResult>();
            foreach (var block in message["content"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (block["text"] is JsonValue text)
                {
                    texts.Add(text.GetValue<string>());
                }
                else if (block["toolUse"] is JsonObject use)
                {
                    calls.Add(new ToolCall(use["toolUseId"]?.GetValue<string>() ?? string.Empty, use["name"]?.GetValue<string>() ?? string.Empty, use["input"] as JsonObject ?? []));
                }
                else if (block["toolResult"] is JsonObject result)
                {
                    results.Add(new ToolResult(result["toolUseId"]?.GetValue<string>() ?? string.Empty, ContentText(result["content"])));
                }
            }

            messages.Add(new Message(role, texts.Count == 0 ? null : string.Join("\n", texts), calls, results));
        }

        var tools = (body["toolConfig"]?["tools"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Select(t => new Tool(t["toolSpec"]?["name"]?.GetValue<string>() ?? string.Empty, t["toolSpec"]?["inputSchema"]?["json"] as JsonObject))
            .ToList();
        return new ScriptedConversation(model, stream, true, messages, tools)
        {
            AsksForReasoning = body["additionalModelRequestFields"]?["thinking"]?["type"] is JsonValue type && type.GetValue<string>() == "enabled",
        };
    }

    private static JsonObject ParseArguments(string? json)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string ContentText(JsonNode? content) => content switch
    {
        null => string.Empty,
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Select(p => p["text"]?.GetValue<string>()).OfType<string>()),
        _ => content.ToJsonString(),
    };

    /// <summary>One history entry.</summary>
    /// <param name="Role"><c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
    /// <param name="Text">Its text parts joined by newlines, or null.</param>
    /// <param name="ToolCalls">Tool calls of an assistant message.</param>
    /// <param name="ToolResults">Tool results it carries.</param>
    public sealed record Message(string Role, string? Text, IReadOnlyList<ToolCall> ToolCalls, IReadOnlyList<ToolResult> ToolResults)
    {
        /// <summary>A user message with text and no tool results: where a new turn starts.</summary>
        public bool IsRealUserText => Role == "user" && Text is not null && ToolResults.Count == 0;
    }

    /// <summary>A tool call in the history.</summary>
    public sealed record ToolCall(string Id, string Name, JsonObject Input);

    /// <summary>A tool result in the history (its text parts joined).</summary>
    public sealed record ToolResult(string ToolCallId, string Text);

    /// <summary>A tool offered by the request.</summary>
    public sealed record Tool(string Name, JsonObject? Schema);
}
