using System.Drawing;
using FluentAssertions;
using Perstack.App.Tui.Controls;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>A hint bar short of room drops the list moves first, then hints from the right, never the help key's.</summary>
public sealed class HintBarTests
{
    [Test]
    public void The_list_moves_give_way_first()
    {
        using var bar = Bar(width: 40, height: 1, new("↑↓/jk PgUp/PgDn Home/End/gG move", HintKind.Move), new("t title", HintKind.Action), new("x export", HintKind.Action), new("? help", HintKind.Help));

        bar.Text.Should().Be("t title  x export  ? help");
    }

    [Test]
    public void The_help_key_stays_whatever_its_text_and_place()
    {
        using var bar = Bar(width: 20, height: 1, new("a aaaaaaaaaaaa", HintKind.Action), new("F1 keys", HintKind.Help), new("b bbbbbbbbbbbb", HintKind.Action));

        bar.Text.Should().Be("F1 keys");
    }

    [Test]
    public void Hints_that_fit_are_wrapped_over_the_lines_in_their_order()
    {
        using var bar = Bar(width: 20, height: 2, new("a aaaaaaaaaaaa", HintKind.Action), new("b bbbbbbbbbbbb", HintKind.Action));

        bar.Text.Should().Be("a aaaaaaaaaaaa\nb bbbbbbbbbbbb");
    }

    private static HintBar Bar(int width, int height, params KeyHint[] hints)
    {
        var bar = new HintBar { Hints = hints };
        bar.Frame = new Rectangle(0, 0, width, height);
        return bar;
    }
}
