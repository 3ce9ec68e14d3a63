using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Runtime;

/// <summary>Builds the messages and parts the runtime adds to a conversation.</summary>
internal static class MessageFactory
{
    public static TextPart Text(string text) => new() { Id = IdGenerator.Next(), Text = text };

    public static UserMessage User(string text) => new() { Id = IdGenerator.Next(), Contents = [Text(text)] };

    public static ToolResult TextResult(ToolCall call, string text) =>
        new() { Id = call.Id, SkillName = call.SkillName, ToolName = call.ToolName, Result = [Text(text)] };

    /// <summary>One tool message holding every result (only text and inline media survive, as in the reference).</summary>
    public static ToolMessage ToolMessage(IEnumerable<ToolResult> results) => new()
    {
        Id = IdGenerator.Next(),
        Contents = results.Select(r => (MessagePart)new ToolResultPart
        {
            Id = IdGenerator.Next(),
            ToolCallId = r.Id,
            ToolName = r.ToolName,
            Contents = r.Result.Where(p => p is TextPart or ImageInlinePart or FileInlinePart).ToList(),
        }).ToList(),
    };

    /// <summary>
    /// The expert message of a reply, in the order the model produced it (today's reference writes it so too): its
    /// thinking, then the text, then the tool calls (in the given order). Anthropic needs the thinking first when
    /// it is sent back.
    /// </summary>
    public static ExpertMessage Expert(IEnumerable<ThinkingPart> thinking, IEnumerable<ToolCall> calls, string? text)
    {
        var contents = new List<MessagePart>(thinking);
        if (!string.IsNullOrEmpty(text))
        {
            contents.Add(Text(text));
        }

        contents.AddRange(calls.Select(c => (MessagePart)new ToolCallPart { Id = IdGenerator.Next(), ToolCallId = c.Id, ToolName = c.ToolName, Args = c.Args }));
        return new ExpertMessage { Id = IdGenerator.Next(), Contents = contents };
    }

    /// <summary>The reference's retry reason, a JSON string <c>{"error":…,"message":…}</c>.</summary>
    public static string ErrorJson(string error, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
