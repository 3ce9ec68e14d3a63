using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;

namespace Perstack.Core.Secrets;

/// <summary>Redaction of the runtime's values: message parts, tool arguments, model replies, and any stored record.</summary>
public static class SecretRedactorExtensions
{
    /// <summary>The parts with every secret form replaced (inside base64 data: filled, so it still decodes); the same list when clean.</summary>
    public static IReadOnlyList<MessagePart> Redact(this SecretRedactor redactor, IReadOnlyList<MessagePart> parts)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(parts);
        if (redactor.IsEmpty)
        {
            return parts;
        }

        MessagePart[]? changed = null;
        for (int i = 0; i < parts.Count; i++)
        {
            var redacted = redactor.Redact(parts[i]);
            if (!ReferenceEquals(redacted, parts[i]))
            {
                changed ??= [.. parts];
                changed[i] = redacted;
            }
        }

        return changed ?? parts;
    }

    /// <summary>One part, redacted; the same instance when clean.</summary>
    public static MessagePart Redact(this SecretRedactor redactor, MessagePart part)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        return part switch
        {
            TextPart text when redactor.Redact(text.Text) is var t && !ReferenceEquals(t, text.Text) => text with { Text = t },
            ImageInlinePart image when redactor.RedactBase64Data(image.EncodedData) is var d && !ReferenceEquals(d, image.EncodedData) => image with { EncodedData = d },
            FileInlinePart file when redactor.RedactBase64Data(file.EncodedData) is var d && !ReferenceEquals(d, file.EncodedData) => file with { EncodedData = d },
            ImageBinaryPart image when redactor.RedactBase64Data(image.Data) is var d && !ReferenceEquals(d, image.Data) => image with { Data = d },
            FileBinaryPart file when redactor.RedactBase64Data(file.Data) is var d && !ReferenceEquals(d, file.Data) => file with { Data = d },
            ImageUrlPart image when redactor.Redact(image.Url) is var u && !ReferenceEquals(u, image.Url) => image with { Url = u },
            FileUrlPart file when redactor.Redact(file.Url) is var u && !ReferenceEquals(u, file.Url) => file with { Url = u },
            ToolCallPart call when redactor.Redact(call.Args) is var a && a.GetRawText() != call.Args.GetRawText() => call with { Args = a },
            ToolResultPart result when redactor.Redact(result.Contents) is var c && !ReferenceEquals(c, result.Contents) => result with { Contents = c },
            ThinkingPart thinking => Redact(redactor, thinking),
            _ => part,
        };
    }

    /// <summary>
    /// A thinking block: its text, and the data of a redacted block. What had to change no longer matches what the
    /// provider signed or encrypted, so it loses its signature (or data) and is kept for the record, never sent back.
    /// </summary>
    private static ThinkingPart Redact(SecretRedactor redactor, ThinkingPart thinking)
    {
        var text = redactor.Redact(thinking.Thinking);
        var data = thinking.RedactedData is { } d ? redactor.Redact(d) : null;
        bool textChanged = !ReferenceEquals(text, thinking.Thinking), dataChanged = !ReferenceEquals(data, thinking.RedactedData);
        return textChanged || dataChanged
            ? thinking with
            {
                Thinking = text,
                Signature = textChanged ? null : thinking.Signature,
                RedactedData = dataChanged ? null : thinking.RedactedData,
            }
            : thinking;
    }

    /// <summary>
    /// A checkpoint with every secret form replaced: its messages part by part (so a thinking block whose text changed
    /// loses its signature, which a redaction of the JSON alone would keep), then everything else through its JSON;
    /// the same instance when clean.
    /// </summary>
    public static Checkpoint Redact(this SecretRedactor redactor, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (redactor.IsEmpty)
        {
            return checkpoint;
        }

        Message[]? messages = null;
        for (int i = 0; i < checkpoint.Messages.Count; i++)
        {
            var redacted = redactor.Redact(checkpoint.Messages[i]);
            if (!ReferenceEquals(redacted, checkpoint.Messages[i]))
            {
                messages ??= [.. checkpoint.Messages];
                messages[i] = redacted;
            }
        }

        return redactor.RedactRecord(messages is null ? checkpoint : checkpoint with { Messages = messages }, PerstackJson.Checkpoint);
    }

    /// <summary>A message with its parts redacted; the same instance when clean.</summary>
    public static T Redact<T>(this SecretRedactor redactor, T message)
        where T : Message
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(message);
        var contents = redactor.Redact(message.Contents);
        return ReferenceEquals(contents, message.Contents) ? message : message with { Contents = contents };
    }

    /// <summary>JSON (tool arguments) with secret forms replaced inside its strings; the same value when clean.</summary>
    public static JsonElement Redact(this SecretRedactor redactor, JsonElement json)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        if (redactor.IsEmpty || json.ValueKind == JsonValueKind.Undefined)
        {
            return json;
        }

        var raw = Encoding.UTF8.GetBytes(json.GetRawText());
        var redacted = redactor.RedactUtf8(raw);
        return redacted.Length == raw.Length && redacted.Span.SequenceEqual(raw) ? json : JsonDocument.Parse(redacted).RootElement.Clone();
    }

    /// <summary>
    /// A stored record (checkpoint, event…) redacted through its JSON: serialised, searched, and only when a secret
    /// form is found rewritten and read back.
    /// </summary>
    public static T RedactRecord<T>(this SecretRedactor redactor, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        if (redactor.IsEmpty || value is null)
        {
            return value;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var redacted = redactor.RedactUtf8(json);
        return redacted.Length == json.Length && redacted.Span.SequenceEqual(json) ? value : JsonSerializer.Deserialize(redacted.Span, typeInfo)!;
    }

    /// <summary>
    /// A model reply, in place: its text, tool-call arguments and reasoning. A signed reasoning block (its signature in
    /// <see cref="TextReasoningContent.ProtectedData"/>) whose text had to be redacted loses the signature: it no
    /// longer matches what the provider signed, so it is kept for the record and never sent back (providers refuse,
    /// and our request builders drop, reasoning without a signature).
    /// </summary>
    public static void Redact(this SecretRedactor redactor, ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(response);
        if (redactor.IsEmpty)
        {
            return;
        }

        foreach (var message in response.Messages)
        {
            for (int i = 0; i < message.Contents.Count; i++)
            {
                message.Contents[i] = message.Contents[i] switch
                {
                    TextContent text when redactor.Redact(text.Text) is var t && !ReferenceEquals(t, text.Text) => new TextContent(t),
                    TextReasoningContent reasoning when redactor.Redact(reasoning.Text) is var t && !ReferenceEquals(t, reasoning.Text) => new TextReasoningContent(t),
                    FunctionCallContent call when call.Arguments is { Count: > 0 } arguments && RedactArguments(redactor, arguments) is { } clean =>
                        new FunctionCallContent(call.CallId, call.Name, clean),
                    var other => other,
                };
            }
        }
    }

    private static Dictionary<string, object?>? RedactArguments(SecretRedactor redactor, IDictionary<string, object?> arguments)
    {
        var json = Runtime.ChatMessageMapper.FromArguments(arguments);
        var redacted = redactor.Redact(json);
        return redacted.GetRawText() == json.GetRawText() ? null : Runtime.ChatMessageMapper.ToArguments(redacted);
    }
}
