using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Mcp;

/// <summary>
/// Turns an MCP tool result into the parts the model sees (runtime spec §3.5): text → text part (empty text →
/// <c>Error: No content</c>), image → inline image, embedded resource → its text, or its blob as an inline file;
/// audio, resource links and anything else are dropped. <c>isError</c> is ignored: the content is kept as it is.
/// A result with nothing left is <c>Tool &lt;name&gt; returned nothing with arguments: &lt;json&gt;</c>.
/// </summary>
public static class McpResultConverter
{
    /// <summary>The parts of <paramref name="result"/>, never empty.</summary>
    /// <param name="toolName">The tool called.</param>
    /// <param name="arguments">The arguments it was called with (for the "returned nothing" text).</param>
    /// <param name="result">What the server answered.</param>
    public static IReadOnlyList<MessagePart> ToParts(string toolName, JsonElement arguments, CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<MessagePart>();
        foreach (var block in result.Content ?? [])
        {
            if (ToPart(block) is { } part)
            {
                parts.Add(part);
            }
        }

        if (parts.Count == 0)
        {
            var json = arguments.ValueKind == JsonValueKind.Undefined ? "{}" : arguments.GetRawText();
            parts.Add(Text($"Tool {toolName} returned nothing with arguments: {json}"));
        }

        return parts;
    }

    /// <summary>The error result the model sees: <c>Error calling tool &lt;name&gt;: &lt;message&gt;</c> (one line).</summary>
    public static IReadOnlyList<MessagePart> Error(string toolName, string message) =>
        [Text($"Error calling tool {toolName}: {OneLine(message)}")];

    /// <summary><paramref name="message"/> on one line.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static MessagePart? ToPart(ContentBlock block) => block switch
    {
        TextContentBlock text => Text(string.IsNullOrEmpty(text.Text) ? "Error: No content" : text.Text),
        ImageContentBlock image when !image.Data.IsEmpty && !string.IsNullOrEmpty(image.MimeType) => new ImageInlinePart
        {
            Id = IdGenerator.Next(),
            EncodedData = Encoding.UTF8.GetString(image.Data.Span),
            MimeType = image.MimeType,
        },
        EmbeddedResourceBlock { Resource: TextResourceContents resource } => Text(resource.Text ?? ""),
        EmbeddedResourceBlock { Resource: BlobResourceContents blob } when !string.IsNullOrEmpty(blob.MimeType) => new FileInlinePart
        {
            Id = IdGenerator.Next(),
            EncodedData = Encoding.UTF8.GetString(blob.Blob.Span),
            MimeType = blob.MimeType,
        },
        _ => null,
    };

    private static TextPart Text(string text) => new() { Id = IdGenerator.Next(), Text = text };
}
