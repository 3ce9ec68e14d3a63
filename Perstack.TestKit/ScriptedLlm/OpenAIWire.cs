using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>OpenAI Chat Completions bodies: a completion, its SSE chunks, errors.</summary>
internal static class OpenAIWire
{
    private const long Created = 1_760_000_000;

    /// <summary>The non-streaming completion.</summary>
    public static string Completion(ScriptedAnswer answer, string model, string toolCallId)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = answer.Text, ["refusal"] = null };
        if (answer.Thinking is { } thinking)
        {
            // As DeepSeek, Ollama and other OpenAI-compatible servers return reasoning (OpenAI's own API returns none).
            message["reasoning_content"] = thinking;
        }

        if (answer.ToolName is { } name)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = toolCallId,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = (answer.ToolInput ?? []).ToJsonString(WireJson.Options) },
            });
        }

        return new JsonObject
        {
            ["id"] = Ids.New("chatcmpl-fake"),
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = answer.ToolName is null ? "stop" : "tool_calls",
            }),
            ["usage"] = Usage(answer),
        }.ToJsonString(WireJson.Options);
    }

    /// <summary>The SSE frames of the streamed completion, ending with <c>data: [DONE]</c>.</summary>
    public static IReadOnlyList<string> StreamEvents(ScriptedAnswer answer, string model, string toolCallId, bool includeUsage)
    {
        var id = Ids.New("chatcmpl-fake");
        var frames = new List<string> { Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null) };
        foreach (var piece in answer.Thinking is { } thinking ? Split(thinking) : [])
        {
            frames.Add(Chunk(id, model, new JsonObject { ["reasoning_content"] = piece }, null));
        }

        if (answer.Text is { } text)
        {
            foreach (var piece in Split(text))
            {
                frames.Add(Chunk(id, model, new JsonObject { ["content"] = piece }, null));
            }
        }

        if (answer.ToolName is { } name)
        {
            frames.Add(Chunk(id, model, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["id"] = toolCallId,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = string.Empty },
                }),
            }, null));
            foreach (var piece in Split((answer.ToolInput ?? []).ToJsonString(WireJson.Options)))
            {
                frames.Add(Chunk(id, model, new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }),
                }, null));
            }
        }

        frames.Add(Chunk(id, model, [], answer.ToolName is null ? "stop" : "tool_calls"));
        if (includeUsage)
        {
            frames.Add(Data(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = Created,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(answer),
            }.ToJsonString(WireJson.Options)));
        }

        frames.Add(Data("[DONE]"));
        return frames;
    }

    /// <summary>An error body as the API sends it.</summary>
    public static string Error(int status, string? message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = message ?? (status switch
            {
                429 => "Rate limit reached for requests",
                >= 500 => "The server had an error while processing your request.",
                _ => RawHttp.ReasonPhrase(status),
            }),
            ["type"] = status switch
            {
                401 => "invalid_request_error",
                429 => "requests",
                >= 500 => "server_error",
                _ => "invalid_request_error",
            },
            ["param"] = null,
            ["code"] = status == 401 ? "invalid_api_key" : null,
        },
    }.ToJsonString(WireJson.Options);

    /// <summary>A body that is not JSON.</summary>
    public static string MalformedCompletion() => "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{";

    /// <summary>A stream whose first chunk is not JSON.</summary>
    public static IReadOnlyList<string> MalformedStream() => ["data: {\"id\":\"chatcmpl-broken\",\"choices\":[{\n\n"];

    private static JsonObject Usage(ScriptedAnswer answer) => new()
    {
        ["prompt_tokens"] = answer.InputTokens,
        ["completion_tokens"] = answer.OutputTokens,
        ["total_tokens"] = answer.InputTokens + answer.OutputTokens,
    };

    private static string Chunk(string id, string model, JsonObject delta, string? finishReason) => Data(new JsonObject
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString(WireJson.Options));

    private static string Data(string payload) => $"data: {payload}\n\n";

    private static IEnumerable<string> Split(string text) =>
        text.Length < 2 ? [text] : [text[..(text.Length / 2)], text[(text.Length / 2)..]];
}
