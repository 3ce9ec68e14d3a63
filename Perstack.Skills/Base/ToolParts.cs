using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>Builds the result parts of a base tool: one text part holding a JSON object (plus inline data for images and PDFs).</summary>
internal static class ToolParts
{
    // Like JSON.stringify: no escaping of '<', '+', non-ASCII letters…, so the model reads the text as it is.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON object written by <paramref name="writeProperties"/>, as text.</summary>
    public static string JsonObject(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A text part with a new id.</summary>
    public static TextPart Text(string text) => new() { Id = IdGenerator.Next(), Text = text };

    /// <summary>The success result: one text part holding the JSON object.</summary>
    public static IReadOnlyList<MessagePart> Success(Action<Utf8JsonWriter> writeProperties) => [Text(JsonObject(writeProperties))];

    /// <summary>The failure result: <c>{"error":name,"message":message}</c>.</summary>
    public static IReadOnlyList<MessagePart> Error(string name, string message) =>
        [Text(JsonObject(writer =>
        {
            writer.WriteString("error", name);
            writer.WriteString("message", message);
        }))];

    /// <summary>Writes <c>"name": value</c>, or <c>"name": null</c>.</summary>
    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
