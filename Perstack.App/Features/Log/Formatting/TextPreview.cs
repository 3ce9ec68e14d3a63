using Perstack.Core.Domain.Messages;

namespace Perstack.App.Features.Log.Formatting;

/// <summary>One-line previews of message text for the log's detail lines.</summary>
internal static class TextPreview
{
    /// <summary>The first text part's text, or empty.</summary>
    public static string FirstText(IEnumerable<MessagePart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.OfType<TextPart>().FirstOrDefault()?.Text ?? "";
    }

    /// <summary><paramref name="text"/> on one line, cut to <paramref name="max"/> characters plus <c>...</c>.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ");
        return line.Length > max ? string.Concat(line.AsSpan(0, max), "...") : line;
    }

    /// <summary>
    /// A message as <c>[messageType] preview</c>: its text, else what its parts are (tool calls by name, tool results
    /// by tool and text).
    /// </summary>
    public static string Message(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message switch
        {
            InstructionMessage => "instructionMessage",
            UserMessage => "userMessage",
            ExpertMessage => "expertMessage",
            ToolMessage => "toolMessage",
            _ => message.GetType().Name,
        };
        var text = FirstText(message.Contents);
        if (text.Length == 0)
        {
            text = string.Join(", ", message.Contents.Select(part => part switch
            {
                ToolCallPart call => $"→ {call.ToolName}",
                ToolResultPart result => $"{result.ToolName}: {FirstText(result.Contents)}",
                _ => "",
            }).Where(t => t.Length > 0));
        }

        return $"[{type}] {Cut(text, 100)}".TrimEnd();
    }
}
