using System.Text;
using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// Amazon Bedrock Converse bodies: the <c>converse</c> reply, the <c>converse-stream</c> event-stream messages
/// (<c>messageStart</c>, <c>contentBlockStart/Delta/Stop</c>, <c>messageStop</c>, <c>metadata</c>; each payload the
/// event's JSON), errors.
/// </summary>
internal static class ConverseWire
{
    /// <summary>The non-streaming reply.</summary>
    public static string Response(ScriptedAnswer answer, string toolCallId) => new JsonObject
    {
        ["output"] = new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray([.. Blocks(answer, toolCallId)]) } },
        ["stopReason"] = answer.ToolName is null ? "end_turn" : "tool_use",
        ["usage"] = Usage(answer),
        ["metrics"] = new JsonObject { ["latencyMs"] = 12 },
    }.ToJsonString(WireJson.Options);

    /// <summary>The event-stream messages of the streamed reply.</summary>
    public static IReadOnlyList<byte[]> StreamMessages(ScriptedAnswer answer, string toolCallId)
    {
        var messages = new List<byte[]> { Event("messageStart", new JsonObject { ["role"] = "assistant" }) };
        var index = 0;
        if (answer.Thinking is { } thinking)
        {
            messages.Add(Delta(index, new JsonObject { ["reasoningContent"] = new JsonObject { ["text"] = thinking } }));
            messages.Add(Delta(index, new JsonObject { ["reasoningContent"] = new JsonObject { ["signature"] = answer.Signature } }));
            messages.Add(Event("contentBlockStop", new JsonObject { ["contentBlockIndex"] = index++ }));
        }

        if (answer.Text is { } text)
        {
            foreach (var piece in text.Length < 2 ? [text] : new[] { text[..(text.Length / 2)], text[(text.Length / 2)..] })
            {
                messages.Add(Delta(index, new JsonObject { ["text"] = piece }));
            }

            messages.Add(Event("contentBlockStop", new JsonObject { ["contentBlockIndex"] = index++ }));
        }

        if (answer.ToolName is { } name)
        {
            messages.Add(Event("contentBlockStart", new JsonObject
            {
                ["contentBlockIndex"] = index,
                ["start"] = new JsonObject { ["toolUse"] = new JsonObject { ["toolUseId"] = toolCallId, ["name"] = name } },
            }));
            var input = (answer.ToolInput ?? []).ToJsonString(WireJson.Options);
            foreach (var piece in new[] { input[..(input.Length / 2)], input[(input.Length / 2)..] })
            {
                messages.Add(Delta(index, new JsonObject { ["toolUse"] = new JsonObject { ["input"] = piece } }));
            }

            messages.Add(Event("contentBlockStop", new JsonObject { ["contentBlockIndex"] = index }));
        }

        messages.Add(Event("messageStop", new JsonObject { ["stopReason"] = answer.ToolName is null ? "end_turn" : "tool_use" }));
        messages.Add(Event("metadata", new JsonObject { ["usage"] = Usage(answer), ["metrics"] = new JsonObject { ["latencyMs"] = 12 } }));
        return messages;
    }

    /// <summary>An error body as Bedrock sends it (the type is in the <c>x-amzn-ErrorType</c> header).</summary>
    public static string Error(int status, string? message) => new JsonObject
    {
        ["message"] = message ?? (status switch
        {
            429 => "Too many requests, please wait before trying again.",
            >= 500 => "The system encountered an unexpected error during processing. Try your request again.",
            _ => RawHttp.ReasonPhrase(status),
        }),
    }.ToJsonString(WireJson.Options);

    /// <summary>A body that is not JSON.</summary>
    public static string MalformedResponse() => "{\"output\":{\"message\":";

    private static List<JsonObject> Blocks(ScriptedAnswer answer, string toolCallId)
    {
        var blocks = new List<JsonObject>();
        if (answer.Thinking is { } thinking)
        {
            blocks.Add(new JsonObject { ["reasoningContent"] = new JsonObject { ["reasoningText"] = new JsonObject { ["text"] = thinking, ["signature"] = answer.Signature } } });
        }

        if (answer.Text is { } text)
        {
            blocks.Add(new JsonObject { ["text"] = text });
        }

        if (answer.ToolName is { } name)
        {
            blocks.Add(new JsonObject { ["toolUse"] = new JsonObject { ["toolUseId"] = toolCallId, ["name"] = name, ["input"] = (answer.ToolInput ?? []).DeepClone() } });
        }

        return blocks;
    }

    private static JsonObject Usage(ScriptedAnswer answer) => new()
    {
        ["inputTokens"] = answer.InputTokens,
        ["outputTokens"] = answer.OutputTokens,
        ["totalTokens"] = answer.InputTokens + answer.OutputTokens,
    };

    private static byte[] Delta(int index, JsonObject delta) =>
        Event("contentBlockDelta", new JsonObject { ["contentBlockIndex"] = index, ["delta"] = delta });

    private static byte[] Event(string type, JsonObject payload) => AwsEventStream.Frame(
        [(":event-type", type), (":content-type", "application/json"), (":message-type", "event")],
        Encoding.UTF8.GetBytes(payload.ToJsonString(WireJson.Options)));
}
