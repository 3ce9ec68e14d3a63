using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Runtime;

/// <summary>Maps the stored conversation to Microsoft.Extensions.AI chat messages and model replies back.</summary>
internal static class ChatMessageMapper
{
    /// <summary>The whole history, as sent on every step.</summary>
    public static List<ChatMessage> ToChat(IEnumerable<Message> messages)
    {
        var chat = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var role = message switch
            {
                InstructionMessage => ChatRole.System,
                UserMessage => ChatRole.User,
                ExpertMessage => ChatRole.Assistant,
                ToolMessage => ChatRole.Tool,
                _ => throw new InvalidOperationException($"Unknown message kind {message.GetType().Name}"),
            };
            var contents = message.Contents.Select(ToContent).OfType<AIContent>().ToList();
            if (contents.Count == 0 && role != ChatRole.Assistant)
            {
                continue;
            }

            chat.Add(new ChatMessage(role, contents));
        }

        return chat;
    }

    /// <summary>Tool-call arguments as the dictionary M.E.AI expects.</summary>
    public static Dictionary<string, object?> ToArguments(JsonElement args)
    {
        var arguments = new Dictionary<string, object?>();
        if (args.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in args.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }

    /// <summary>Tool-call arguments from a model reply, as a JSON object.</summary>
    public static JsonElement FromArguments(IDictionary<string, object?>? arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement element: element.WriteTo(writer); break;
            case JsonDocument document: document.RootElement.WriteTo(writer); break;
            case System.Text.Json.Nodes.JsonNode node: node.WriteTo(writer); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int or long or short or byte: writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case float or double or decimal: writer.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default:
                // Anything else the adapter produced is serialized with M.E.AI's own (source-generated) contract.
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }

    private static AIContent? ToContent(MessagePart part) => part switch
    {
        TextPart text => new TextContent(text.Text),
        ImageInlinePart image => new DataContent(Convert.FromBase64String(image.EncodedData), image.MimeType),
        FileInlinePart file => new DataContent(Convert.FromBase64String(file.EncodedData), file.MimeType),
        ImageUrlPart image => new UriContent(new Uri(image.Url), image.MimeType),
        FileUrlPart file => new UriContent(new Uri(file.Url), file.MimeType),
        ToolCallPart call => new FunctionCallContent(call.ToolCallId, call.ToolName, ToArguments(call.Args)),
        ToolResultPart result => new FunctionResultContent(result.ToolCallId, ToResult(result.Contents)),

        // Reasoning goes back only where the provider takes it, as the reference sends it: Anthropic's signed thinking
        // (and, beyond the reference, a redacted block's data, kept as is). Unsigned reasoning (OpenAI-style
        // providers, whose APIs refuse or ignore it) is not sent.
        ThinkingPart { RedactedData: { Length: > 0 } data } => new TextReasoningContent(string.Empty) { ProtectedData = data },
        ThinkingPart { Signature: { Length: > 0 } signature } thinking => new TextReasoningContent(thinking.Thinking) { ProtectedData = signature },
        _ => null,
    };

    private static object ToResult(IReadOnlyList<MessagePart> contents)
    {
        if (contents.All(c => c is TextPart))
        {
            return string.Join("\n", contents.Cast<TextPart>().Select(t => t.Text));
        }

        return contents.Select(ToContent).OfType<AIContent>().ToList();
    }
}
