using System.Drawing;
using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Execution;
using Perstack.Core.Domain;
using Perstack.Core.Runtime;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>The live line shows the newest words of the stream that fit, counted in terminal columns.</summary>
public sealed class StreamingLineTests
{
    [TestCase("The reply streams in, word after word, and the line keeps its newest words in view at the end.")]
    [TestCase("日本語の返信がストリームで届き、最新の言葉が行の終わりに見え続けます。とても長い文章です。")]
    [TestCase("emoji 🎉 and 日本語 mixed, then the newest words: done")]
    public void The_newest_text_is_shown_and_fits_the_line(string reply)
    {
        var line = new StreamingLine { Frame = new Rectangle(0, 0, 40, 1) };

        line.Apply(Event(LiveStreamKind.StartStreamingRunResult, ""));
        foreach (var word in reply.Split(' '))
        {
            line.Apply(Event(LiveStreamKind.StreamRunResult, word + " "));
        }

        line.Shown.Should().StartWith("Generating... ").And.EndWith(reply[^2..] + " ");
        TextWidth.Of(line.Shown).Should().BeLessThanOrEqualTo(40);
    }

    private static LiveStreamEvent Event(LiveStreamKind kind, string text) =>
        new(JobId.Parse("job-stream-0001"), RunId.Parse("run-stream-0001"), "writer", 1, kind, text);
}
