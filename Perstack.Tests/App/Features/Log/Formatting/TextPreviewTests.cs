using FluentAssertions;
using Perstack.App.Features.Log.Formatting;
using Perstack.Core.Domain.Messages;

namespace Perstack.Tests.App.Features.Log.Formatting;

public sealed class TextPreviewTests
{
    [Test]
    public void Cut_keeps_short_text_and_cuts_long_text_on_one_line()
    {
        TextPreview.Cut("a\r\nb", 10).Should().Be("a b");
        TextPreview.Cut("abcdef", 3).Should().Be("abc...");
        TextPreview.Cut("abc", 3).Should().Be("abc");
    }

    [Test]
    public void Messages_show_their_type_and_text_or_what_their_parts_are()
    {
        var user = new UserMessage { Id = "1", Contents = [new TextPart { Id = "a", Text = "hello" }] };
        var call = new ExpertMessage { Id = "2", Contents = [new ToolCallPart { Id = "b", ToolCallId = "c1", ToolName = "think", Args = default }] };
        var tool = new ToolMessage
        {
            Id = "3",
            Contents = [new ToolResultPart { Id = "c", ToolCallId = "c1", ToolName = "think", Contents = [new TextPart { Id = "d", Text = "ok" }] }],
        };

        TextPreview.Message(user).Should().Be("[userMessage] hello");
        TextPreview.Message(call).Should().Be("[expertMessage] → think");
        TextPreview.Message(tool).Should().Be("[toolMessage] think: ok");
        TextPreview.Message(new UserMessage { Id = "4", Contents = [new TextPart { Id = "e", Text = new string('q', 101) }] })
            .Should().Be($"[userMessage] {new string('q', 100)}...");
    }
}
