using System.Drawing;
using FluentAssertions;
using Perstack.TestKit.Tui;
using Terminal.Gui.ViewBase;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// Moving the selection repaints only the rows that changed: the other rows' cells are left as they are, so they are
/// neither drawn again nor sent to the terminal again. The screen still shows every row right.
/// </summary>
public sealed class RowPainterTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Moving_the_selection_repaints_the_old_and_the_new_selected_rows_only()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        var before = Text(list);
        list.SelectedItem.Should().Be(0);
        DirtyRows(list).Should().BeEmpty("the frame has been sent");

        list.SelectedItem = 1;
        list.Draw();

        DirtyRows(list).Should().Equal([0, 1], "row 0 lost the selection and row 1 got it; the rest is unchanged");
        Text(list).Should().Equal(before, "the same rows, painted where they were");
        before.Take(3).Should().AllSatisfy(row => row.Should().Contain(" steps ("));
    }

    [Test]
    public async Task A_row_that_changed_is_repainted_whole()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        list.SelectedItem = 2;
        list.Draw();
        _tui.App.LayoutAndDraw();

        list.SelectedItem = 0;
        list.Draw();

        DirtyRows(list).Should().Equal([0, 2]);
    }

    // The text of the list's viewport rows, as the terminal is sent it.
    private static string[] Text(View list)
    {
        var contents = list.App!.Driver!.Contents!;
        var area = list.ViewportToScreen();
        return Enumerable.Range(0, area.Height)
            .Select(row => string.Concat(Enumerable.Range(area.X, area.Width).Select(x => contents[area.Y + row, x].Grapheme)))
            .ToArray();
    }

    // The list's viewport rows holding a cell painted since the last frame was sent.
    private static int[] DirtyRows(View list)
    {
        var contents = list.App!.Driver!.Contents!;
        var area = list.ViewportToScreen();
        return Enumerable.Range(0, area.Height)
            .Where(row => Enumerable.Range(area.X, area.Width).Any(x => contents[area.Y + row, x].IsDirty))
            .ToArray();
    }
}
