using FluentAssertions;
using Perstack.App.Tui.Driver;
using Perstack.TestKit.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// A one-row list move is written as its key arrives, before the key is read; the key is then read, echoed and drawn as
/// always, which finds the moved rows as written, and the screen ends as a full redraw shows it. Whenever the screen,
/// the list or the input is not what the move was forecast from, nothing is written ahead.
/// </summary>
public sealed class SelectionForecastTests
{
    private TuiHarness? _tui;
    private FrameOutput? _terminal;

    [TearDown]
    public void TearDown()
    {
        _terminal?.Dispose();
        _tui?.Dispose();
    }

    [TestCase("j", 0, 1)]
    [TestCase("\u001b[B", 0, 1)]
    [TestCase("\u001bOB", 0, 1)]
    [TestCase("k", 2, 1)]
    [TestCase("\u001b[A", 2, 1)]
    public async Task A_move_is_written_before_its_key_is_read_and_the_screen_ends_as_a_full_redraw_shows_it(string sent, int from, int to)
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        await MoveToAsync(from);
        var rows = _tui.ListRows(3);
        var forecast = await ForecastAsync();

        WriteAhead(forecast, sent).Should().BeTrue();

        list.SelectedItem.Should().Be(from, "the key has not been read yet");
        var ahead = _terminal!.GetLastOutput();
        ahead.Should().Contain(ScreenCells.IdIn(rows[from])).And.Contain(ScreenCells.IdIn(rows[to]), "the row that loses the selection and the row that gets it")
            .And.NotContain(ScreenCells.IdIn(rows[3 - from - to]));
        var written = Snapshot();

        var output = _tui.App.Driver!.GetOutput();
        var lastFrame = output.GetLastOutput();
        Processor().ProcessQueue();
        list.SelectedItem.Should().Be(to);
        if (output.GetLastOutput() != lastFrame) // the output keeps its last text when nothing is written
        {
            output.GetLastOutput().Should().NotContain(ScreenCells.IdIn(rows[to]), "the echo found the rows as written ahead");
        }
        _tui.App.LayoutAndDraw();
        var drawn = Snapshot();
        _tui.App.LayoutAndDraw(forceRedraw: true);

        Snapshot().Should().Be(drawn, "the screen is what a full redraw shows");
        ListArea(drawn).Should().Be(ListArea(written), "the pass drew the list as it was written ahead");
    }

    [Test]
    public async Task A_move_is_written_whole_its_info_line_and_preview_with_it_and_the_keys_frame_changes_nothing()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var rows = _tui.ListRows(2);
        var forecast = await ForecastAsync();

        WriteAhead(forecast, "j").Should().BeTrue();

        _terminal!.GetLastOutput().Should().Contain($"{ScreenCells.IdIn(rows[1])} · ", "the info line of the row selected")
            .And.Contain($"{ScreenCells.IdIn(rows[1])}  ", "its preview").And.Contain("Last messages", "read ahead while the first row was selected");
        var written = Snapshot();
        Processor().ProcessQueue();
        await _tui.SettleAsync();
        _tui.Workbench.List.SelectedItem.Should().Be(1);
        Snapshot().Should().Be(written, "the key's frame is what was written ahead");
        _tui.App.LayoutAndDraw(forceRedraw: true);
        Snapshot().Should().Be(written, "and what a full redraw shows");
    }

    [Test]
    public async Task A_move_among_checkpoints_is_written_whole_with_the_checkpoints_messages()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await _tui.PressAsync(Key.J, new Key('c')); // fake-interactive: four checkpoints, the cursor on the latest
        await _tui.SettleAsync();
        var list = _tui.Workbench.List;
        int from = list.SelectedItem!.Value;
        from.Should().BeGreaterThan(0);
        var before = Snapshot();
        var forecast = await ForecastAsync();

        WriteAhead(forecast, "k").Should().BeTrue();

        var written = Snapshot();
        Processor().ProcessQueue();
        await _tui.SettleAsync();
        list.SelectedItem.Should().Be(from - 1);
        Snapshot().Should().Be(written, "the key's frame is what was written ahead: the rows, the info line and the messages");
        Snapshot().Should().NotBe(before);
        _tui.App.LayoutAndDraw(forceRedraw: true);
        Snapshot().Should().Be(written);
    }

    [Test]
    public async Task Moves_written_whole_one_after_another_are_each_written_ahead()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var rows = _tui.ListRows(3);
        var forecast = await ForecastAsync();

        // Back to a row whose neighbours were read ahead already: nothing lands after that key, and its pass writes nothing.
        foreach (var (sent, to) in new[] { ("j", 1), ("j", 2), ("k", 1), ("j", 2) })
        {
            int mark = _terminal!.GetLastOutput().Length;
            WriteAhead(forecast, sent).Should().BeTrue($"the move to row {to} was forecast after the last one");
            _terminal.GetLastOutput()[mark..].Should().Contain(ScreenCells.IdIn(rows[to]));
            Processor().ProcessQueue();
            await _tui.SettleAsync(); // the key's pass, which finds nothing to write, and the reads ahead landing
            _tui.Workbench.List.SelectedItem.Should().Be(to);
            forecast.Prepare(); // as the main loop does before it waits again
        }
    }

    [Test]
    public async Task A_screen_to_be_drawn_is_forecast_once_drawn_even_when_its_pass_writes_nothing()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await _tui.SettleAsync();
        _terminal = new FrameOutput(AppModel.FullScreen);
        var forecast = new SelectionForecast(_tui.App, _terminal);
        _tui.Workbench.List.Follower!.Views.OfType<Perstack.App.Tui.Controls.PreviewPane>().Single().SetNeedsDraw();
        forecast.Prepare();
        WriteAhead(forecast, "j").Should().BeFalse("the preview was to be drawn");
        Processor().InputQueue.Clear();

        _tui.App.LayoutAndDraw(); // draws the preview as it was: nothing to write
        forecast.Prepare();

        WriteAhead(forecast, "j").Should().BeTrue();
    }

    [Test]
    public async Task A_scrolled_preview_leaves_the_forecast_to_the_list()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 12);
        await _tui.PressAsync(Key.Tab, Key.G.WithShift, Key.Tab); // the preview scrolled to its end, the focus back on the list
        _tui.Workbench.List.HasFocus.Should().BeTrue();
        var rows = _tui.ListRows(2);
        var forecast = await ForecastAsync();

        WriteAhead(forecast, "j").Should().BeTrue();

        _terminal!.GetLastOutput().Should().Contain(ScreenCells.IdIn(rows[1])).And.NotContain($"{ScreenCells.IdIn(rows[1])} · ", "where a scrolled preview shows the next row is the library's to say");
        Processor().ProcessQueue();
        await _tui.SettleAsync();
        var drawn = Snapshot();
        _tui.App.LayoutAndDraw(forceRedraw: true);
        Snapshot().Should().Be(drawn);
    }

    [TestCase(100, 12)]
    [TestCase(140, 40)]
    [TestCase(100, 30)]
    public async Task What_is_written_ahead_shows_on_a_terminal_as_the_pass_draws_it(int width, int height)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: height);
        _terminal = new FrameOutput(AppModel.FullScreen);
        var screen = new TerminalScreen(width, height);
        await _tui.SettleAsync();
        screen.Feed(WriteAll(_terminal));
        var forecast = new SelectionForecast(_tui.App, _terminal);
        forecast.Prepare();
        int mark = _terminal.GetLastOutput().Length;

        WriteAhead(forecast, "j").Should().BeTrue();
        screen.Feed(_terminal.GetLastOutput()[mark..]);
        Processor().ProcessQueue();
        _tui.App.LayoutAndDraw();
        await _tui.SettleAsync();
        using var redraw = new FrameOutput(AppModel.FullScreen);
        var expected = new TerminalScreen(width, height);
        expected.Feed(WriteAll(redraw));

        _tui.Workbench.List.ViewportToScreen().Height.Should().BeGreaterThan(2);
        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                screen.Cells[(row * width) + col].Should().Be(expected.Cells[(row * width) + col], $"cell {col},{row}: character, colours and style");
            }
        }
    }

    // What the frame output writes for the whole screen as it is.
    private string WriteAll(FrameOutput output)
    {
        var buffer = _tui!.App.Driver!.GetOutputBuffer();
        for (int row = 0; row < buffer.Rows; row++)
        {
            for (int col = 0; col < buffer.Cols; col++)
            {
                buffer.Contents![row, col].IsDirty = true;
            }

            buffer.DirtyLines[row] = true;
        }

        output.Write(buffer);
        return output.GetLastOutput();
    }

    [Test]
    public async Task A_key_taken_by_something_else_leaves_the_screen_drawn_as_it_is()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var forecast = await ForecastAsync();
        var before = Snapshot();

        WriteAhead(forecast, "j").Should().BeTrue();
        Snapshot().Should().NotBe(before);
        Processor().InputQueue.Clear(); // a handler took the key: the list did not move
        _tui.App.LayoutAndDraw();

        _tui.Workbench.List.SelectedItem.Should().Be(0);
        Snapshot().Should().Be(before, "the pass drew the list, the info line and the preview again over what was written ahead");
    }

    [Test]
    public async Task Nothing_is_written_ahead_for_more_than_one_key_or_a_key_not_forecast()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var forecast = await ForecastAsync();

        foreach (var sent in new[] { "jj", "jk", "x", "\u001b", "\u001b[C", "J" })
        {
            WriteAhead(forecast, sent).Should().BeFalse($"'{sent}' is not one key forecast");
            Processor().InputQueue.Clear();
        }

        WriteAhead(forecast, "j").Should().BeTrue();
    }

    [Test]
    public async Task Nothing_is_written_ahead_once_the_screen_or_the_list_changed_since_the_forecast()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        var list = _tui.Workbench.List;
        var forecast = await ForecastAsync();
        list.SelectedItem = 2;
        _tui.App.LayoutAndDraw();

        WriteAhead(forecast, "j").Should().BeFalse("the selection moved since");

        Processor().InputQueue.Clear();
        forecast = await ForecastAsync();
        _tui.App.Driver!.Contents![list.ViewportToScreen().Y + 3, list.ViewportToScreen().X].Grapheme = "#";
        WriteAhead(forecast, "j").Should().BeFalse("the cells were painted since");

        Processor().InputQueue.Clear();
        _tui.App.LayoutAndDraw(forceRedraw: true);
        forecast = await ForecastAsync();
        var cells = _tui.App.Driver.Contents;
        _tui.App.Driver.Contents = new Terminal.Gui.Drawing.Cell[4, 60]; // smaller than the rows forecast, nothing marked
        WriteAhead(forecast, "j").Should().BeFalse("the screen has another size");
        _tui.App.Driver.Contents = cells;
    }

    [Test]
    public async Task Nothing_is_forecast_under_the_help_overlay_or_where_the_move_would_scroll()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await _tui.PressAsync(new Key('?'));
        var forecast = await ForecastAsync();
        WriteAhead(forecast, "j").Should().BeFalse("the overlay covers the list");
        Processor().InputQueue.Clear();
        await _tui.PressAsync(Key.Esc);

        forecast = await ForecastAsync();
        WriteAhead(forecast, "k").Should().BeFalse("no row above the first");
        Processor().InputQueue.Clear();
        await _tui.PressAsync(Key.G.WithShift);
        forecast = await ForecastAsync();
        WriteAhead(forecast, "j").Should().BeFalse("no row below the last");
    }

    // A forecast from the screen as it is once settled (the terminal a frame output of its own, its writes kept).
    private async Task<SelectionForecast> ForecastAsync()
    {
        await _tui!.SettleAsync(); // the previews read ahead land
        _terminal?.Dispose();
        _terminal = new FrameOutput(AppModel.FullScreen);
        var forecast = new SelectionForecast(_tui!.App, _terminal);
        forecast.Prepare();
        return forecast;
    }

    private async Task MoveToAsync(int item)
    {
        for (int i = 0; i < item; i++)
        {
            await _tui!.PressAsync(Key.J);
        }
    }

    private InputProcessorImpl<char> Processor() => (InputProcessorImpl<char>)_tui!.App.Driver!.GetInputProcessor();

    // As the input thread does: the key read is queued, then given to the forecast while the main loop waits; the main
    // loop then completes the move written ahead.
    private bool WriteAhead(SelectionForecast forecast, string sent)
    {
        foreach (char c in sent)
        {
            Processor().InputQueue.Enqueue(c);
        }

        bool written = forecast.TryWriteAhead(sent);
        forecast.Complete().Should().Be(written, "the main loop completes what was written ahead, and only that");
        forecast.Complete().Should().BeFalse("once");
        return written;
    }

    private string Snapshot() => ScreenCells.Snapshot(_tui!.App.Driver!.Contents!);

    private string ListArea(string snapshot) => ScreenCells.ListArea(snapshot, _tui!.Workbench.List);
}
