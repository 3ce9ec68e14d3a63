using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Driver;
using Perstack.Core.Domain;
using Perstack.TestKit.Tui;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// A key that moves the list's selection has the two rows it changed written at once, before the window's layout and
/// draw; the pass after it writes the rest (the preview) and the screen ends as without the echo. Where something may
/// cover the list, or more keys wait, nothing is echoed.
/// </summary>
public sealed class SelectionEchoTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task A_key_that_moves_the_selection_writes_the_two_rows_before_the_window_is_drawn()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        var output = _tui.App.Driver!.GetOutput();
        var rows = _tui.ListRows(3);
        list.SelectedItem.Should().Be(0);

        HandleKey(Key.J);

        list.SelectedItem.Should().Be(1);
        list.NeedsDraw.Should().BeTrue("the window has not been drawn yet");
        var echo = output.GetLastOutput();
        echo.Should().Contain(ScreenCells.IdIn(rows[0])).And.Contain(ScreenCells.IdIn(rows[1]), "the row that lost the selection and the row that got it")
            .And.NotContain(ScreenCells.IdIn(rows[2]));
        echo.Length.Should().BeLessThan(600, "two rows of the list, not the window");

        _tui.App.LayoutAndDraw();
        output.GetLastOutput().Should().NotContain(ScreenCells.IdIn(rows[0]) + ")", "the pass finds the echoed rows unchanged");
    }

    [Test]
    public async Task The_echo_paints_what_the_pass_draws_and_the_pass_leaves_the_screen_as_a_full_redraw_would()
    {
        _tui = await TuiHarness.StartAsync(width: 100, height: 9);
        var list = _tui.Workbench.List;
        string Screen() => ScreenCells.Snapshot(_tui.App.Driver!.Contents!); // a full redraw makes new cells
        int scrolls = 0;

        foreach (var key in new[] { Key.J, Key.J, Key.J, Key.J, Key.J, Key.K, Key.K, Key.G.WithShift, Key.K, Key.G, Key.CursorDown, Key.PageDown, Key.CursorUp })
        {
            var (selected, top) = (list.SelectedItem, list.Viewport.Y);
            var before = Screen();
            HandleKey(key);
            var echoed = Screen();
            bool moved = list.SelectedItem != selected || list.Viewport.Y != top;
            scrolls += list.Viewport.Y != top ? 1 : 0;
            (echoed != before).Should().Be(moved, $"{key} is echoed when it moved the selection or scrolled");

            _tui.App.LayoutAndDraw();
            var drawn = Screen();
            _tui.App.LayoutAndDraw(forceRedraw: true);

            Screen().Should().Be(drawn, $"after {key} the screen is what a full redraw shows");
            ListArea(drawn).Should().Be(ListArea(echoed), $"after {key} the pass found the list as the echo painted it");
        }

        list.Viewport.Height.Should().Be(2);
        scrolls.Should().BeGreaterThan(3, "the two-row list scrolled");
    }

    [Test]
    public async Task A_scroll_moves_the_rows_on_screen_and_paints_what_came_into_view_as_the_pass_would()
    {
        _tui = await TuiHarness.StartAsync(width: 120, height: 16);
        var job = await _tui.Stores.Jobs.GetAsync(JobId.Parse("job-fixed-0001"));
        for (int i = 0; i < 30; i++)
        {
            await _tui.Stores.Jobs.SaveAsync(job! with { Id = JobId.Parse($"job-more-{i:00}"), StartedAt = job.StartedAt + 1000 + i, UpdatedAt = job.LastActivityAt + 1000 + i });
        }

        _tui.Workbench.OnStoreChanged();
        await _tui.SettleAsync();
        var list = _tui.Workbench.List;
        list.Source!.Count.Should().Be(35);
        string Screen() => ScreenCells.Snapshot(_tui.App.Driver!.Contents!);
        var keys = Enumerable.Repeat(Key.J, 14).Concat([Key.PageDown, Key.K, Key.K]).Concat(Enumerable.Repeat(Key.K, 12)).Concat([Key.G.WithShift, Key.G]);
        int scrolls = 0;

        foreach (var key in keys)
        {
            int top = list.Viewport.Y;
            HandleKey(key);
            var echoed = Screen();
            scrolls += list.Viewport.Y != top ? 1 : 0;

            _tui.App.LayoutAndDraw();
            var drawn = Screen();
            _tui.App.LayoutAndDraw(forceRedraw: true);

            Screen().Should().Be(drawn, $"after {key} the screen is what a full redraw shows");
            ListArea(drawn).Should().Be(ListArea(echoed), $"after {key} (top {top} to {list.Viewport.Y}) the echo showed the list as the pass draws it");
        }

        scrolls.Should().BeGreaterThan(8, "j past the last row, k past the first, PageDown, G and g scrolled the list");
    }

    [Test]
    public async Task Nothing_is_echoed_while_the_help_overlay_covers_the_list()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await _tui.PressAsync(new Key('?'));
        var list = _tui.Workbench.List;

        list.SelectedItem = 1;

        SelectionEcho.TryWrite(_tui.App).Should().BeFalse();
    }

    [Test]
    public async Task Nothing_is_echoed_over_a_screen_the_list_has_not_been_drawn_on_since_it_was_shown_again()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        var screen = list.SuperView!;
        screen.Visible = false;
        _tui.App.LayoutAndDraw();
        screen.Visible = true;

        list.SelectedItem = 1;

        SelectionEcho.TryWrite(_tui.App).Should().BeFalse("the screen under the list shows something else until the pass draws it");
        _tui.App.LayoutAndDraw();
        list.SelectedItem = 2;
        SelectionEcho.TryWrite(_tui.App).Should().BeTrue();
    }

    [Test]
    public async Task Nothing_is_echoed_while_more_keys_wait()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var processor = (InputProcessorImpl<char>)_tui.App.Driver!.GetInputProcessor();
        processor.InputQueue.Enqueue('j');

        _tui.Workbench.List.SelectedItem = 1;

        SelectionEcho.TryWrite(_tui.App).Should().BeFalse("the pass after the burst draws it once");
        processor.InputQueue.Clear();
        SelectionEcho.TryWrite(_tui.App).Should().BeTrue();
    }

    [Test]
    public async Task Nothing_is_echoed_when_the_rows_themselves_changed()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;

        list.Source = new RowSource<string>(["one", "two", "three"], row => row);
        list.SelectedItem = 1;

        SelectionEcho.TryWrite(_tui.App).Should().BeFalse("the list was given other rows since its last paint");
    }

    // The key as the terminal's input gives it: handled by the application (and echoed), with no pass after it.
    private void HandleKey(Key key) => _tui!.App.Driver!.GetInputProcessor().RaiseKeyDownEvent(key);

    private string ListArea(string snapshot) => ScreenCells.ListArea(snapshot, _tui!.Workbench.List);
}
