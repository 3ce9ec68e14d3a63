using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A list view that paints every cell of its viewport itself once it has rows, through <see cref="RowPainter"/>: rows
/// and the blank rows past the end alike, a cell already showing its character and attribute left alone. So it is not
/// cleared before it draws: Terminal.Gui's clear costs as much per cell as the paint (a third of the redraw after each
/// key), and would make every cell look changed.
/// </summary>
internal abstract class PaintedListView : ListView
{
    /// <inheritdoc />
    protected override bool OnClearingViewport() => Source is not null;

    /// <inheritdoc />
    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (Source is null || ShowMarks)
        {
            return base.OnDrawingContent(context);
        }

        RowPainter.PaintList(this);
        return true;
    }
}
