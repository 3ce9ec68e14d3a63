using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>Anthropic Messages API bodies: a message, its SSE stream, errors.</summary>
internal static class AnthropicWire
{
    /// <summary>The non-streaming message.</summary>
    public static string Message(ScriptedAnswer answer, string model, string toolCallId) => new JsonObject
    {
        ["id"] = Ids.New("msg_fake"),
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray([.. Blocks(answer, toolCallId)]),
        ["stop_reason"] = answer.ToolName is null ? "end_turn" : "tool_use",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = answer.InputTokens,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = answer.OutputTokens,
        },
    }.ToJsonString(WireJson.Options);

    /// <summary>The SSE events of the streamed message, each a complete <c>event:/data:</c> frame.</summary>
    public static IReadOnlyList<string> StreamEvents(ScriptedAnswer answer, string model, string toolCallId)
    {
        var events = new List<string>
        {
            Frame("message_start", new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = new JsonObject
                {
                    ["id"] = Ids.New("msg_fake"),
                    ["type"] = "message",
                    ["role"] = "assistant",
                    ["model"] = model,
                    ["content"] = new JsonArray(),
                    ["stop_reason"] = null,
                    ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = answer.InputTokens, ["output_tokens"] = 1 },
                },
            }),
            Frame("ping", new JsonObject { ["type"] = "ping" }),
        };
        var index = 0;
        if (answer.Thinking is { } thinking)
        {
            events.Add(Frame("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty },
            }));
            foreach (var piece in Split(thinking))
            {
                events.Add(Delta(index, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece }));
            }

            events.Add(Delta(index, new JsonObject { ["type"] = "signature_delta", ["signature"] = answer.Signature }));
            events.Add(Frame("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
            index++;
        }

        if (answer.RedactedData is { } data)
        {
            events.Add(Frame("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "redacted_thinking", ["data"] = data },
            }));
            events.Add(Frame("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
            index++;
        }

        if (answer.Text is { } text)
        {
            events.Add(Frame("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
            }));
            foreach (var piece in Split(text))
            {
                events.Add(Frame("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta",
                    ["index"] = index,
                    ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece },
                }));
            }

            events.Add(Frame("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
            index++;
        }

        if (answer.ToolName is { } name)
        {
            events.Add(Frame("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = toolCallId, ["name"] = name, ["input"] = new JsonObject() },
            }));
            foreach (var piece in Split((answer.ToolInput ?? []).ToJsonString(WireJson.Options)))
            {
                events.Add(Frame("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta",
                    ["index"] = index,
                    ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece },
                }));
            }

            events.Add(Frame("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
        }

        events.Add(Frame("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = answer.ToolName is null ? "end_turn" : "tool_use", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = answer.OutputTokens },
        }));
        events.Add(Frame("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events;
    }

    /// <summary>An error body as the Messages API sends it.</summary>
    public static string Error(int status, string? message) => new JsonObject
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                413 => "request_too_large",
                429 => "rate_limit_error",
                529 => "overloaded_error",
                _ => "api_error",
            },
            ["message"] = message ?? DefaultMessage(status),
        },
    }.ToJsonString(WireJson.Options);

    /// <summary>A body that is not JSON.</summary>
    public static string MalformedMessage() => "{\"id\":\"msg_broken\",\"type\":\"message\",\"content\":[{\"type\":";

    /// <summary>A stream whose first event's data is not JSON.</summary>
    public static IReadOnlyList<string> MalformedStream() => ["event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\n\n"];

    private static string DefaultMessage(int status) => status switch
    {
        429 => "Number of request tokens has exceeded your per-minute rate limit",
        529 => "Overloaded",
        >= 500 => "Internal server error",
        _ => RawHttp.ReasonPhrase(status),
    };

    private static IEnumerable<JsonNode> Blocks(ScriptedAnswer answer, string toolCallId)
    {
        if (answer.Thinking is { } thinking)
        {
            yield return new JsonObject { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = answer.Signature };
        }

        if (answer.RedactedData is { } data)
        {
            yield return new JsonObject { ["type"] = "redacted_thinking", ["data"] = data };
        }

        if (answer.Text is { } text)
        {
            yield return new JsonObject { ["type"] = "text", ["text"] = text };
        }

        if (answer.ToolName is { } name)
        {
            yield return new JsonObject { ["type"] = "tool_use", ["id"] = toolCallId, ["name"] = name, ["input"] = answer.ToolInput?.DeepClone() ?? new JsonObject() };
        }

        for (var i = 0; i < answer.MoreCalls.Count; i++)
        {
            var (more, input) = answer.MoreCalls[i];
            yield return new JsonObject { ["type"] = "tool_use", ["id"] = $"{toolCallId}_{i + 2}", ["name"] = more, ["input"] = input.DeepClone() };
        }
    }

    private static string Delta(int index, JsonObject delta) =>
        Frame("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });

    private static string Frame(string eventName, JsonObject data) => $"event: {eventName}\ndata: {data.ToJsonString(WireJson.Options)}\n\n";

    /// <summary>Two pieces (so clients must join deltas), or one for short text.</summary>
    private static IEnumerable<string> Split(string text) =>
        text.Length < 2 ? [text] : [text[..(text.Length / 2)], text[(text.Length / 2)..]];
}
