using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Jobs;
using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Screens.Transcript;

/// <summary>
/// The conversation a checkpoint holds, as lines of text: who speaks (<c>── User ──</c>), what was said, each tool
/// call (<c>→ tool {args}</c>, or <c>? askUser asks: …</c> for a question) and result (<c>← tool: text</c>). The
/// instruction (system prompt) is configuration, not conversation, and is left out as in <c>jobs export</c>.
/// </summary>
internal static class TranscriptLines
{
    private const string Heading = "── ";
    private const string Call = "→ ";
    private const string Question = "? ";
    private const string Result = "← ";
    private const string Thought = "∴ ";
    private const string Continued = "  ";

    public static IReadOnlyList<string> Of(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var lines = new List<string>
        {
            $"{checkpoint.Expert.Key} up to step {checkpoint.StepNumber}: checkpoint {checkpoint.Id}, {JobStatusText.Of(checkpoint.Status)}, {HistoryRows.Tokens(checkpoint.Usage)}",
        };
        foreach (var message in checkpoint.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    Speaker(lines, "User");
                    Parts(lines, user.Contents);
                    break;
                case ExpertMessage expert:
                    Speaker(lines, $"Expert {checkpoint.Expert.Key}");
                    Parts(lines, expert.Contents);
                    break;
                case ToolMessage tool:
                    Speaker(lines, "Tool results");
                    Parts(lines, tool.Contents);
                    break;
                default:
                    break;
            }
        }

        if (checkpoint.Error is { } error)
        {
            Speaker(lines, "Stopped by error");
            Add(lines, "✗ ", $"{error.Name}: {error.Message}");
        }

        return lines;
    }

    /// <summary>The colour of each character of a transcript line, by what the line is.</summary>
    public static Color[] ColorsOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var color = line switch
        {
            _ when line.StartsWith(Heading, StringComparison.Ordinal) => ColorName16.Cyan,
            _ when line.StartsWith(Question, StringComparison.Ordinal) || line.StartsWith(Call, StringComparison.Ordinal) => ColorName16.Yellow,
            _ when line.StartsWith(Result, StringComparison.Ordinal) || line.StartsWith(Thought, StringComparison.Ordinal) => ColorName16.DarkGray,
            _ when line.StartsWith("✗ ", StringComparison.Ordinal) => ColorName16.BrightRed,
            _ => ColorName16.White,
        };
        return Enumerable.Repeat(new Color(color), line.Length).ToArray();
    }

    private static void Speaker(List<string> lines, string who)
    {
        lines.Add("");
        lines.Add($"{Heading}{who} ──");
    }

    private static void Parts(List<string> lines, IReadOnlyList<MessagePart> parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart t:
                    Add(lines, "", t.Text);
                    break;
                case ThinkingPart t:
                    Add(lines, Thought, t.Thinking.Length == 0 ? "(redacted thinking)" : t.Thinking);
                    break;
                case ToolCallPart c when InteractiveQuestion.Describe(c.ToolName, c.Args) is { } asks:
                    Add(lines, Question, asks);
                    break;
                case ToolCallPart c:
                    Add(lines, Call, $"{c.ToolName} {c.Args.GetRawText()}");
                    break;
                case ToolResultPart r:
                    var text = string.Join("\n", r.Contents.Select(p => p is TextPart t ? t.Text : $"[{p.GetType().Name}]"));
                    Add(lines, Result, $"{r.ToolName}{(r.IsError == true ? " (error)" : "")}: {text}");
                    break;
                default:
                    Add(lines, "", $"[{part.GetType().Name}]");
                    break;
            }
        }
    }

    /// <summary>Adds <paramref name="text"/> line by line, the first after <paramref name="mark"/>, the others indented.</summary>
    private static void Add(List<string> lines, string mark, string text)
    {
        var split = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < split.Length; i++)
        {
            lines.Add((i == 0 ? mark : mark.Length == 0 ? "" : Continued) + split[i]);
        }
    }
}
