using System.Drawing;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A label that shows its text as written (see <see cref="NoHotKey"/>): ids, keys and messages keep their <c>_</c>.
/// A text of one line (cut at the right edge) is painted through <see cref="RowPainter"/>, so a cell that did not change
/// is neither drawn nor sent again: Terminal.Gui's text path measures and allocates per character on every redraw, and
/// clears the label first, which makes every cell look changed (the status and message lines redraw on every key).
/// Text the library lays out in its own ways (line breaks, tabs, words wrapped over a taller label) it draws itself.
/// </summary>
internal class PlainLabel : Label
{
    public PlainLabel()
    {
        NoHotKey.Apply(this);
    }

    // One line without line breaks or tabs, where the library would not wrap: the library joins lines, wraps words
    // and expands tabs in ways not worth repeating here, so it draws those itself.
    private bool PaintsItself => Paints(Text ?? "");

    private bool Paints(string text) => (Viewport.Height <= 1 || !TextFormatter.WordWrap) && text.AsSpan().IndexOfAny('\t', '\r', '\n') < 0;

    /// <summary>
    /// Nothing: Label copies its text into its title on every change, for a hot key this label does not have, and sizing
    /// the title measures the text again (the status and message lines change on every key).
    /// </summary>
    protected override void OnTextChanged()
    {
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => PaintsItself;

    /// <inheritdoc />
    protected override bool OnDrawingText(DrawContext? context)
    {
        if (!PaintAs(Text ?? ""))
        {
            return false;
        }

        context?.AddDrawnRectangle(ViewportToScreen(new Rectangle(Point.Empty, Viewport.Size)));
        return true;
    }

    /// <summary>
    /// Paints into the screen's cells what the label shows with <paramref name="text"/> (its own draw, and a forecast of
    /// a list move: <see cref="Driver.SelectionForecast"/>); false, painting nothing, for text the library draws.
    /// </summary>
    public bool PaintAs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Paints(text))
        {
            return false;
        }

        var attribute = GetAttributeForRole(HasFocus ? VisualRole.Focus : VisualRole.Normal);
        int width = Viewport.Width;
        for (int row = 0; row < Viewport.Height; row++)
        {
            PaintLine(new RowPainter(this, 0, row), row == 0 ? text : "", width, attribute);
        }

        return true;
    }

    private static void PaintLine(RowPainter painter, ReadOnlySpan<char> line, int width, Terminal.Gui.Drawing.Attribute attribute)
    {
        // By columns: a wide character takes two (one cut by the right edge is left out), a combining mark none.
        int col = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            int columns = TextWidth.Of(rune);
            if (col + columns > width)
            {
                break;
            }

            painter.Put(rune, attribute);
            col += columns;
        }

        painter.Pad(width - col, attribute);
    }
}
