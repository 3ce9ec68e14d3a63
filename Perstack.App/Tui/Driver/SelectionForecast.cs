using System.Drawing;
using System.Text;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Writes a one-row list move the moment its key is read, before Terminal.Gui has seen it. Before the main loop waits for
/// input, the two moves a key can make from the settled screen (the selection one row down, one row up, without a
/// scroll) are painted into the screen's cells, the bytes a frame would write for them kept, and the cells put back.
/// When the input thread reads exactly one of those keys while the main loop still waits, and the screen and the list
/// are as they were, it writes the bytes there and then (<see cref="LoopPace.Wake(string)"/>); the main loop, woken,
/// gives the cells what they show, then reads, dispatches and draws the key as always. A move is forecast whole when
/// the views that follow the list's selection (<see cref="ISelectionFollower"/>: the info line, the preview of a row read
/// ahead) can paint what they would show for the new row; else the list's rows alone, and the echo
/// (<see cref="SelectionEcho"/>) and the pass find them unchanged and write the rest. The
/// library's parser and dispatch, the rows' paint and the hand-over to the main thread were 0.17 of the 0.19 ms from a
/// key's read to its first write (`less` takes 0.02).
/// The screen's cells always hold what the terminal was sent, and the list is drawn again after a move written ahead:
/// should the key do something else (a handler that takes it first), the pass draws what it did over the forecast.
/// </summary>
internal sealed class SelectionForecast(IApplication app, FrameOutput output)
{
    // The keys forecast, as the terminal sends them: the vi keys and the arrows (normal and application cursor mode).
    private static readonly (string Sent, Key Key)[] Keys =
    [
        ("j", Key.J), ("k", Key.K),
        ("\u001b[B", Key.CursorDown), ("\u001b[A", Key.CursorUp),
        ("\u001bOB", Key.CursorDown), ("\u001bOA", Key.CursorUp),
    ];

    private readonly List<Move> _moves = [];
    private (long Written, long Followers) _preparedAt = (-1, -1);
    private Move? _writtenAhead;

    /// <summary>
    /// Before the main loop waits: forecasts the moves from the screen as it was last written, once per write, when no
    /// input waits and the focused list is settled and uncovered.
    /// </summary>
    public void Prepare()
    {
        if (Stamp() == _preparedAt || app.Driver is not { } driver || Processor(driver) is not { } processor || !processor.InputQueue.IsEmpty)
        {
            return;
        }

        _moves.Clear();
        var list = SelectionEcho.UncoveredList(app, driver);
        var followers = list?.Follower?.Views ?? [];
        if (list is null || list.NeedsDraw || followers.Any(view => view.NeedsDraw))
        {
            return; // made once the screen is drawn (a pass that finds nothing to write writes nothing: no stamp changes)
        }

        _preparedAt = Stamp();
        if (list.Source is not { } source || list.SelectedItem is not { } selected)
        {
            return;
        }

        var areas = FollowerAreas(followers, driver);
        foreach (var (step, command) in new[] { (1, Command.Down), (-1, Command.Up) })
        {
            var sent = Keys.Where(key => IsBound(list, key.Key, command)).Select(key => key.Sent).ToArray();
            int target = selected + step;
            if (sent.Length > 0 && target >= 0 && target < source.Count && InView(list, selected) && InView(list, target)
                && Forecast(list, driver, selected, target, sent, areas) is { } move)
            {
                _moves.Add(move);
            }
        }
    }

    /// <summary>
    /// When <paramref name="input"/>, read and queued alone, is one key forecast and nothing it was forecast from changed,
    /// writes the move now; true when it did. Called while the main loop waits (<see cref="LoopPace.WaitForWork"/>), on
    /// the input thread: it reads the main loop's state, held still, and writes only to the terminal, which the main loop
    /// is not writing to; the screen's cells take the move in <see cref="Complete"/>, on the main loop.
    /// </summary>
    public bool TryWriteAhead(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_moves.Count == 0 || _writtenAhead is not null || output.Written != _preparedAt.Written || app.Driver is not { } driver
            || Processor(driver) is not { } processor || processor.InputQueue.Count != input.Length
            || processor.GetParser().State != AnsiResponseParserState.Normal)
        {
            return false;
        }

        // Nothing was written since the forecast, so nothing was drawn (a popover, a focus change, a resize draw): what
        // may have changed is checked here, the list's state and the cells, not the whole window again (its focus
        // chain and views were most of this path's time).
        var move = _moves.Find(candidate => Array.IndexOf(candidate.Sent, input) >= 0);
        var contents = driver.Contents;
        if (move is null || contents is null || app.ClearScreenNextIteration || !move.List.HasFocus || move.List.NeedsDraw
            || move.List.SelectedItem != move.From || move.List.Viewport.Y != move.Top || !ReferenceEquals(move.List.Source, move.Source)
            || !Shows(contents, move.ListRows, move.ListBefore) || !Clean(driver, move.ScreenRows) || move.Followers.Any(view => view.NeedsDraw))
        {
            return false;
        }

        output.WriteAhead(move.Text, move.EndStyle);
        _writtenAhead = move;
        return true;
    }

    /// <summary>
    /// On the main loop after its wait: a move written ahead is made the screen's cells' (they hold what the terminal was
    /// sent), and the list is drawn again, so a key that did something else is drawn over it. True when there was one.
    /// </summary>
    public bool Complete()
    {
        if (_writtenAhead is not { } move || app.Driver?.Contents is not { } contents)
        {
            return false;
        }

        _writtenAhead = null;
        Put(contents, move.ScreenRows, move.After); // the same screen the write-ahead checked: the main loop was held since
        _moves.Clear();
        _preparedAt = (-1, -1); // the key's pass may write nothing (the move was all written): forecast again after it
        move.List.SetNeedsDraw();
        foreach (var view in move.Followers)
        {
            view.SetNeedsDraw();
        }

        return true;
    }

    // What a forecast is made from: the screen as written, and what the focused list's followers know.
    private (long Written, long Followers) Stamp() =>
        (output.Written, app.TopRunnableView?.MostFocused is PaintedListView { Follower: { } follower } ? follower.Version : 0);

    // The move whole (the list's rows, and what its followers show for the new row) when it can be forecast, else the
    // list's rows alone.
    private Move? Forecast(PaintedListView list, IDriver driver, int from, int to, string[] sent, List<(View View, Rectangle Area)>? followers) =>
        (followers is { Count: > 0 } ? ForecastPainting(list, driver, from, to, sent, followers) : null)
        ?? ForecastPainting(list, driver, from, to, sent, []);

    private Move? ForecastPainting(PaintedListView list, IDriver driver, int from, int to, string[] sent, List<(View View, Rectangle Area)> followers)
    {
        var buffer = driver.GetOutputBuffer();
        var contents = buffer.Contents;
        int[] rows = [from - list.Viewport.Y, to - list.Viewport.Y];
        int[] listRows = [.. rows.Select(row => list.ViewportToScreen(new Point(0, row)).Y)];
        int[] screenRows = [.. listRows.Concat(followers.SelectMany(f => Enumerable.Range(f.Area.Y, f.Area.Height))).Distinct().Order()];
        if (contents is null || screenRows.Any(row => row < 0 || row >= buffer.Rows || buffer.DirtyLines[row]))
        {
            return null;
        }

        var before = Copy(contents, screenRows);
        var clip = driver.Clip;
        var attribute = driver.GetAttribute();
        var text = new StringBuilder();
        try
        {
            var area = new Region(SelectionEcho.ScreenArea(list, driver));
            foreach (var follower in followers)
            {
                area.Union(follower.Area);
            }

            driver.Clip = area;
            RowPainter.PaintRows(list, rows, selectedItem: to);
            if (followers.Count > 0 && !list.Follower!.PaintAsSelected(to))
            {
                return null;
            }

            int[] written = [.. screenRows.Where(row => buffer.DirtyLines[row])];
            return output.TryRender(buffer, written, text, out var endStyle) && text.Length > 0
                ? new Move(sent, list, list.Source!, from, list.Viewport.Y, listRows, [.. listRows.Select(row => before[Array.IndexOf(screenRows, row)])], [.. followers.Select(f => f.View)], written, Copy(contents, written), text, endStyle)
                : null;
        }
        finally
        {
            Put(contents, screenRows, before);
            foreach (int row in screenRows)
            {
                buffer.DirtyLines[row] = false;
            }

            driver.Clip = clip;
            driver.SetAttribute(attribute);
        }
    }

    // The screen areas of the views that show the list's selection beside it (drawn as they are), when each can be
    // painted ahead (nothing over it); null when one cannot.
    private static List<(View View, Rectangle Area)>? FollowerAreas(IReadOnlyList<View> followers, IDriver driver)
    {
        var areas = new List<(View, Rectangle)>();
        foreach (var view in followers)
        {
            if (SelectionEcho.IsCovered(view))
            {
                return null;
            }

            if (SelectionEcho.ScreenArea(view, driver) is { IsEmpty: false } area)
            {
                areas.Add((view, area));
            }
        }

        return areas;
    }

    // No cell of these rows was painted since it was written.
    private static bool Clean(IDriver driver, int[] rows)
    {
        var buffer = driver.GetOutputBuffer();
        return rows.All(row => row < buffer.Rows && !buffer.DirtyLines[row]);
    }

    // The focused list's own binding decides (the application's bindings, arrows among them, apply only to keys no view
    // took; a popover, which sees keys first, is never open over a forecast).
    private static bool IsBound(View list, Key key, Command command) =>
        list.KeyBindings.TryGet(key, out var binding) && binding.Commands is [var only] && only == command;

    private static bool InView(ListView list, int item) => item >= list.Viewport.Y && item < list.Viewport.Y + list.Viewport.Height;

    private static InputProcessorImpl<char>? Processor(IDriver driver) => driver.GetInputProcessor() as InputProcessorImpl<char>;

    // The rows' cells, each as sent: clean.
    private static Cell[][] Copy(Cell[,] contents, int[] rows)
    {
        var copy = new Cell[rows.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            copy[i] = new Cell[contents.GetLength(1)];
            for (int col = 0; col < copy[i].Length; col++)
            {
                copy[i][col] = contents[rows[i], col] with { IsDirty = false };
            }
        }

        return copy;
    }

    private static void Put(Cell[,] contents, int[] rows, Cell[][] cells)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            for (int col = 0; col < cells[i].Length; col++)
            {
                contents[rows[i], col] = cells[i][col];
            }
        }
    }

    // Whether the rows' cells are these (a screen of another size never is: the input thread must not index past it).
    private static bool Shows(Cell[,] contents, int[] rows, Cell[][] cells)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] >= contents.GetLength(0) || cells[i].Length != contents.GetLength(1))
            {
                return false;
            }

            for (int col = 0; col < cells[i].Length; col++)
            {
                if (!contents[rows[i], col].Equals(cells[i][col]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // A move forecast: the keys that make it, what it was forecast from (the list, its rows' cells, the views following
    // it), the rows it writes and their cells after, what it writes.
    private sealed record Move(
        string[] Sent, PaintedListView List, object Source, int From, int Top, int[] ListRows, Cell[][] ListBefore, View[] Followers,
        int[] ScreenRows, Cell[][] After, StringBuilder Text, TextStyle EndStyle);
}
