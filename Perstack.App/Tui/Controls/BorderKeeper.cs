using System.Drawing;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Leaves a view's border alone while the screen still shows it. Terminal.Gui draws a view's border again whenever
/// anything inside the view is redrawn: it blanks the border's cells, works the line glyphs out again by testing every
/// cell of the view's bounds against every line, and paints them, so after a key every row of the screen was sent to
/// the terminal again for the window's and the preview's borders (after <c>j</c>: 450 writes and 4.8 KB, for two list rows
/// and the preview that changed), and the glyph work was a fifth of the main thread's time per key.
/// Once drawn, the border's cells are kept; while the view keeps its frame, title, focus and enabled state and every
/// one of those cells still shows what was drawn there, the border is not drawn again. Anything else (a resize, a
/// popup over it, a forced redraw that blanked the screen) finds a cell that differs, and the library draws it.
/// A view uses it from three overrides: <c>OnDrawingAdornments</c>, <c>OnRenderingLineCanvas</c>, <c>OnDrawComplete</c>.
/// </summary>
internal sealed class BorderKeeper
{
    private (Rectangle Frame, string Title, bool Focus, bool Enabled) _drawnAs;
    private (Point At, string? Grapheme, Attribute? Attribute)[]? _cells;
    private bool _kept;
    private bool _drawing;

    /// <summary>For <c>OnDrawingAdornments</c>: true (the library does not draw them) when the screen still shows the border.</summary>
    public bool Keep(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _kept = _cells is not null && State(view) == _drawnAs && view.App?.Driver?.Contents is { } contents && Shown(contents);
        _drawing = !_kept;
        return _kept;
    }

    /// <summary>For <c>OnRenderingLineCanvas</c>: a kept border put no lines in the canvas, so there is nothing to render.</summary>
    public bool KeepLines(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_kept)
        {
            view.LineCanvas.Clear();
        }

        return _kept;
    }

    /// <summary>
    /// For <c>OnDrawComplete</c>: keeps the border as the screen now shows it, when the library drew it in this draw (a draw
    /// that did not reach the border leaves what was kept: the screen may show something else there by now).
    /// </summary>
    public void Drawn(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_drawing && view.App?.Driver?.Contents is { } contents)
        {
            _drawnAs = State(view);
            _cells = BorderCells(view).Where(at => Inside(contents, at))
                .Select(at => (at, (string?)contents[at.Y, at.X].Grapheme, contents[at.Y, at.X].Attribute))
                .ToArray();
        }

        (_kept, _drawing) = (false, false);
    }

    private static (Rectangle, string, bool, bool) State(View view) => (view.FrameToScreen(), view.Title ?? "", view.HasFocus, view.Enabled);

    private bool Shown(Terminal.Gui.Drawing.Cell[,] contents)
    {
        foreach (var (at, grapheme, attribute) in _cells!)
        {
            if (!Inside(contents, at) || contents[at.Y, at.X].Grapheme != grapheme || contents[at.Y, at.X].Attribute != attribute)
            {
                return false;
            }
        }

        return true;
    }

    // The cells of the border's thickness, on screen.
    private static IEnumerable<Point> BorderCells(View view)
    {
        var thickness = view.Border.Thickness;
        var frame = view.Border.FrameToScreen();
        for (int y = frame.Top; y < frame.Bottom; y++)
        {
            bool band = y < frame.Top + thickness.Top || y >= frame.Bottom - thickness.Bottom;
            for (int x = frame.Left; x < frame.Right; x++)
            {
                if (band || x < frame.Left + thickness.Left || x >= frame.Right - thickness.Right)
                {
                    yield return new Point(x, y);
                }
            }
        }
    }

    private static bool Inside(Terminal.Gui.Drawing.Cell[,] contents, Point at) =>
        at.Y >= 0 && at.Y < contents.GetLength(0) && at.X >= 0 && at.X < contents.GetLength(1);
}
