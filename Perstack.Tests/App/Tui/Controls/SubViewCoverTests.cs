using System.Drawing;
using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>A container whose subviews cover it is not cleared before it draws; nothing stale is left on screen.</summary>
public sealed class SubViewCoverTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private static View Container(params Rectangle[] parts)
    {
        var container = new View { Frame = new Rectangle(0, 0, 10, 4) };
        foreach (var part in parts)
        {
            container.Add(new View { Frame = part });
        }

        return container;
    }

    [Test]
    public void Tiles_that_leave_no_cell_cover_the_container()
    {
        using var container = Container(new(0, 0, 10, 1), new(0, 1, 6, 3), new(5, 1, 5, 3));
        SubViewCover.Covers(container).Should().BeTrue();
    }

    [Test]
    public void One_cell_left_over_or_under_a_hidden_subview_is_not_covered()
    {
        using var gap = Container(new(0, 0, 10, 1), new(0, 1, 6, 3), new(6, 1, 4, 2));
        SubViewCover.Covers(gap).Should().BeFalse("cell (9, 3) is no subview's");

        using var hidden = Container(new Rectangle(0, 0, 10, 4));
        hidden.SubViews.Single().Visible = false;
        SubViewCover.Covers(hidden).Should().BeFalse();

        using var outside = Container(new(0, 0, 10, 3), new(0, 4, 10, 5));
        SubViewCover.Covers(outside).Should().BeFalse("a subview below the viewport covers none of it");
    }

    [TestCase(60, 20)]
    [TestCase(140, 40)]
    [TestCase(250, 70)]
    public async Task The_window_and_the_history_are_covered_at_every_size(int width, int height)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: height);

        SubViewCover.Covers(_tui.Workbench).Should().BeTrue("the screen, the message line and the hints tile the window");
        SubViewCover.Covers(_tui.Workbench.List.SuperView!).Should().BeTrue("heading, list, preview and info line tile the screen");
    }

    [TestCase(60, 20)]
    [TestCase(140, 40)]
    public async Task Going_to_another_screen_and_back_leaves_the_frame_as_it_was(int width, int height)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: height);
        string first = _tui.Screen();

        await _tui.PressAsync(Key.C);
        _tui.Screen().Should().Contain("Checkpoints");
        await _tui.PressAsync(Key.Esc);
        _tui.Screen().Should().Be(first);

        await _tui.PressAsync(new Key('?'));
        _tui.Screen().Should().NotBe(first);
        await _tui.PressAsync(Key.Esc);
        _tui.Screen().Should().Be(first);

        await _tui.PressAsync(Key.N);
        await _tui.PressAsync(Key.Esc);
        _tui.Screen().Should().Be(first);
    }
}
