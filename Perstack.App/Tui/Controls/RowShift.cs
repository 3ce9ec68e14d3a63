using Perstack.App.Tui.Driver;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Scrolls a list's rows on screen by moving its cells: after a scroll of one row, each row shows what the row below it
/// showed, so its cells are copied from there (a cell already showing the same character in the same attribute is left
/// alone and not sent again), where painting it would lay the row out and paint it character by character. The rows
/// it cannot move (those that came into view, and rows holding characters other than <see cref="NarrowCells"/>, whose
/// widths are the library's) are left to the caller to paint. Rows are the same rows, in the same width, from the same
/// source: the caller knows (<see cref="PaintedListView.PaintMove"/>).
/// </summary>
internal static class RowShift
{
    /// <summary>
    /// Moves the viewport's rows up by <paramref name="by"/> (down when negative); adds to <paramref name="unmoved"/>
    /// the viewport rows left to paint. False, moving nothing, where the list's cells are not all on the screen.
    /// </summary>
    public static bool TryShift(ListView list, int by, List<int> unmoved)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(unmoved);
        var driver = list.App?.Driver;
        var contents = driver?.Contents;
        var area = list.ViewportToScreen(new System.Drawing.Rectangle(System.Drawing.Point.Empty, list.Viewport.Size));
        if (contents is null || area.X < 0 || area.Y < 0 || area.Right > contents.GetLength(1) || area.Bottom > contents.GetLength(0)
            || Math.Abs(by) >= area.Height || !(driver!.Clip?.Contains(area) ?? false))
        {
            return false;
        }

        var dirtyLines = driver.GetOutputBuffer().DirtyLines;
        int height = area.Height;
        Span<bool> narrow = height <= 256 ? stackalloc bool[height] : new bool[height];
        for (int row = 0; row < height; row++)
        {
            narrow[row] = Narrow(contents, area.Y + row, area);
        }

        for (int step = 0; step < height; step++)
        {
            // Upwards: from the top, each row reading from a row below that is not written yet; downwards from the bottom.
            int row = by > 0 ? step : height - 1 - step;
            int from = row + by;
            if (from < 0 || from >= height || !narrow[row] || !narrow[from])
            {
                unmoved.Add(row);
                continue;
            }

            if (Copy(contents, area.Y + from, area.Y + row, area))
            {
                dirtyLines[area.Y + row] = true;
            }
        }

        return true;
    }

    private static bool Copy(Cell[,] contents, int fromRow, int toRow, System.Drawing.Rectangle area)
    {
        bool changed = false;
        for (int x = area.X; x < area.Right; x++)
        {
            ref readonly var source = ref contents[fromRow, x];
            ref var target = ref contents[toRow, x];
            if (ReferenceEquals(source.Grapheme, target.Grapheme) || source.Grapheme == target.Grapheme)
            {
                if (target.Attribute is { } shown && source.Attribute is { } wanted && CellAttributes.Same(shown, wanted))
                {
                    continue;
                }
            }

            target.Attribute = source.Attribute;
            RowPainter.GraphemeOf(ref target) = source.Grapheme;
            target.IsDirty = true;
            changed = true;
        }

        return changed;
    }

    private static bool Narrow(Cell[,] contents, int row, System.Drawing.Rectangle area)
    {
        for (int x = area.X; x < area.Right; x++)
        {
            if (!NarrowCells.Holds(contents[row, x].Grapheme))
            {
                return false;
            }
        }

        // The cell left of the row's first, outside the list, is not touched: a wide character there would be cut.
        return area.X == 0 || NarrowCells.Holds(contents[row, area.X - 1].Grapheme);
    }
}
