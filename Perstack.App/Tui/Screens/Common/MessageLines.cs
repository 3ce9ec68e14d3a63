using System.Text;
using Perstack.App.Tui.Controls;
using Perstack.Core.Domain.Messages;

namespace Perstack.App.Tui.Screens.Common;

/// <summary>
/// A conversation as short plain lines for the preview panes: who said what, tool calls and their results, each cut
/// to <see cref="MaxLine"/> characters (the payload views show them whole). Instructions and thinking are left out.
/// </summary>
internal static class MessageLines
{
    public const int MaxLine = 240;

    /// <summary>The last <paramref name="count"/> messages (instructions aside) of <paramref name="messages"/>, one line each per part.</summary>
    public static IReadOnlyList<string> Last(IReadOnlyList<Message> messages, string expertKey, int count)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var shown = messages.Where(m => m is not InstructionMessage).TakeLast(count);
        var lines = new List<string>();
        foreach (var message in shown)
        {
            foreach (var part in message.Contents)
            {
                if (Line(message, part, expertKey) is { } line)
                {
                    lines.Add(TextFit.Middle(line, MaxLine));
                }
            }
        }

        return lines;
    }

    private static string? Line(Message message, MessagePart part, string expertKey) => (message, part) switch
    {
        (_, ThinkingPart) => null,
        (UserMessage, TextPart text) => $"you: {text.Text}",
        (ExpertMessage, TextPart text) => $"{expertKey}: {text.Text}",
        (_, ToolCallPart call) => $"→ {call.ToolName} {call.Args.GetRawText()}",
        (_, ToolResultPart result) => $"← {result.ToolName}{(result.IsError == true ? " (error)" : "")}: {Text(result.Contents)}",
        (_, TextPart text) => text.Text,
        (_, ImageUrlPart or ImageInlinePart or ImageBinaryPart) => "[image]",
        (_, FileUrlPart or FileInlinePart or FileBinaryPart) => "[file]",
        _ => null,
    };

    private static string Text(IReadOnlyList<MessagePart> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part switch
            {
                TextPart text => text.Text,
                ImageUrlPart or ImageInlinePart or ImageBinaryPart => "[image]",
                FileUrlPart or FileInlinePart or FileBinaryPart => "[file]",
                _ => "",
            }).Append(' ');
        }

        return builder.ToString().Trim();
    }
}
