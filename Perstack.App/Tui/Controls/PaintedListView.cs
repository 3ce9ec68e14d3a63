using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A list view that paints every cell of its viewport itself once it has rows, through <see cref="RowPainter"/>: rows
/// and the blank rows past the end alike, a cell already showing its character and attribute left alone. So it is not
/// cleared before it draws: Terminal.Gui's clear costs as much per cell as the paint (a third of the redraw after each
/// key), and would make every cell look changed.
/// It remembers what its last paint showed, so a key that only moved the selection or scrolled can have the rows that
/// changed painted at once (<see cref="PaintMove"/>, for <see cref="Driver.SelectionEcho"/>).
/// </summary>
internal abstract class PaintedListView : ListView
{
    private Painted? _painted;

    protected PaintedListView()
    {
        // Terminal.Gui 2.5's MoveHome reads the selection after selecting the first row, which an empty list does not
        // have: Home or g on an empty list (a job without checkpoints, a filter matching nothing) ended the workbench.
        AddCommand(Command.Start, () => Source is not { Count: > 0 } || MoveHome());
        AddCommand(Command.StartExtend, () => Source is not { Count: > 0 } || MoveHome(extend: true));
    }

    /// <summary>What shows the selection beside the list (for a forecast of a move: <see cref="Driver.SelectionForecast"/>); null when nothing does.</summary>
    public ISelectionFollower? Follower { get; set; }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => Source is not null;

    /// <inheritdoc />
    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (Source is null || ShowMarks)
        {
            _painted = null;
            return base.OnDrawingContent(context);
        }

        RowPainter.PaintList(this);
        _painted = Now();
        return true;
    }

    /// <summary>
    /// Paints, into the screen's cells, the rows that changed since the last paint when all that changed is the selected
    /// row or the rows scrolled into view (the same rows, width and focus): the old and the new selected rows, and after a
    /// scroll the rows moved on screen (<see cref="RowShift"/>) and those that came into view. False, painting nothing, when anything else may have changed: the next draw does it all. The
    /// caller sets the clip to the part of the screen the list may paint.
    /// </summary>
    public bool PaintMove()
    {
        if (_painted is not { } before || Source is null || ShowMarks)
        {
            return false;
        }

        var now = Now();
        if (!ReferenceEquals(before.Source, now.Source) || before.Size != now.Size || before.Left != now.Left || before.Focused != now.Focused
            || (before.Top == now.Top && before.Selected == now.Selected))
        {
            return false;
        }

        var rows = new List<int>();
        if (before.Top == now.Top || RowShift.TryShift(this, now.Top - before.Top, rows))
        {
            // The rows that came into view, and the rows that lost and got the selection (moved with their colours).
            AddRowOf(before.Selected, rows);
            AddRowOf(now.Selected, rows);
            RowPainter.PaintRows(this, rows);
        }
        else
        {
            RowPainter.PaintList(this);
        }

        _painted = now;
        return true;
    }

    // The viewport row showing item, if it is in view and not listed yet.
    private void AddRowOf(int? item, List<int> rows)
    {
        if (item is { } index && index >= Viewport.Y && index < Viewport.Y + Viewport.Height && !rows.Contains(index - Viewport.Y))
        {
            rows.Add(index - Viewport.Y);
        }
    }

    private Painted Now() => new(Source, Viewport.Size, Viewport.X, Viewport.Y, SelectedItem, HasFocus);

    // What a paint showed: the rows (by their source), the viewport's size and place, the selection, the focus colours.
    private readonly record struct Painted(object? Source, Size Size, int Left, int Top, int? Selected, bool Focused);
}
