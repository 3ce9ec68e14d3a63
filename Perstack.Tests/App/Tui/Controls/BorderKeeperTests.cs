using FluentAssertions;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// The window's border and the preview's separator are not painted again after a key (so not sent again), and whatever
/// happened before (a key, the focus moving, a resize, a blanked screen), the screen shows what the library draws when it
/// redraws everything itself.
/// </summary>
public sealed class BorderKeeperTests
{
    private static readonly string[] LineGlyphs = ["│", "─", "┌", "┐", "└", "┘", "┤", "├"];

    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task After_a_key_no_border_cell_is_painted_again()
    {
        _tui = await StartAsync();

        _tui.App.InjectKey(Key.J);
        _tui.Workbench.Layout();
        _tui.Workbench.Draw();

        var contents = _tui.App.Driver!.Contents!;
        var painted = Enumerable.Range(0, 40)
            .SelectMany(row => Enumerable.Range(0, 140).Where(col => contents[row, col].IsDirty && LineGlyphs.Contains(contents[row, col].Grapheme)).Select(col => (row, col)))
            .ToArray();
        painted.Should().BeEmpty("the window's border and the preview's separator already show");
        _tui.Workbench.List.SelectedItem.Should().Be(1, "the selection moved (its rows were painted and sent with the key, SelectionEchoTests)");
        ShowsWhatTheLibraryDraws();
    }

    [Test]
    public async Task Moving_the_focus_to_the_preview_and_back_shows_what_the_library_draws()
    {
        _tui = await StartAsync();

        await _tui.PressAsync(Key.Tab);
        ShowsWhatTheLibraryDraws();
        await _tui.PressAsync(Key.J, Key.Tab, Key.J);
        ShowsWhatTheLibraryDraws();
    }

    [Test]
    public async Task After_a_resize_the_borders_are_at_the_new_edges()
    {
        _tui = await StartAsync();

        _tui.App.Driver!.SetScreenSize(100, 30);
        await _tui.SettleAsync();

        var contents = _tui.App.Driver.Contents!;
        (contents[0, 99].Grapheme, contents[29, 0].Grapheme, contents[29, 99].Grapheme).Should().Be(("┐", "└", "┘"));
        ShowsWhatTheLibraryDraws();
    }

    [Test]
    public async Task A_blanked_screen_gets_its_borders_back_with_the_next_key()
    {
        _tui = await StartAsync();

        _tui.App.Driver!.ClearContents();
        await _tui.PressAsync(Key.J);

        var contents = _tui.App.Driver.Contents!;
        (contents[0, 0].Grapheme, contents[20, 0].Grapheme, contents[39, 139].Grapheme).Should().Be(("┌", "│", "┘"));
    }

    private static async Task<TuiHarness> StartAsync()
    {
        var tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await tui.SettleAsync();
        tui.Workbench.SetNeedsDraw();
        tui.App.LayoutAndDraw();
        return tui;
    }

    // Every cell (character and colours) as drawn so far, then as the library draws it all again (a forced redraw).
    private void ShowsWhatTheLibraryDraws()
    {
        _tui!.App.LayoutAndDraw();
        var drawn = Cells();
        _tui.App.LayoutAndDraw(forceRedraw: true);
        drawn.Should().Equal(Cells());
    }

    private string[] Cells()
    {
        var contents = _tui!.App.Driver!.Contents!;
        return Enumerable.Range(0, contents.GetLength(0))
            .SelectMany(y => Enumerable.Range(0, contents.GetLength(1)).Select(x => $"{y},{x} {contents[y, x].Grapheme}|{contents[y, x].Attribute}"))
            .ToArray();
    }
}
