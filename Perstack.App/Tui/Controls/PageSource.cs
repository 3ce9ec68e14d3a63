using System.Collections;
using System.Collections.Specialized;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Draws a <see cref="TextPage"/> in a list view: each shown line from the page's column, coloured by
/// <paramref name="colors"/> (one colour per character of a line of the text), search matches highlighted and the
/// current match stronger.
/// </summary>
internal sealed class PageSource(TextPage page, Func<string, Color[]> colors) : IListDataSource
{
    private static readonly Color MatchBackground = new(ColorName16.Cyan);
    private static readonly Color CurrentBackground = new(ColorName16.Yellow);
    private static readonly Color MatchForeground = new(ColorName16.Black);
    private int _coloredLine = -1;
    private Color[] _colored = [];

    public TextPage Page => page;

    public int Count => page.Shown.Count;

    // The page scrolls itself sideways (its Column), so the list view never needs to.
    public int MaxItemLength => 0;

    public bool SuspendCollectionChangedEvent { get; set; }

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    /// <summary>The page's lines changed (new text, wrap, width).</summary>
    public void NotifyChanged() => CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        ArgumentNullException.ThrowIfNull(listView);
        var shown = page.Shown[item];
        var lineColors = ColorsOf(shown.Line);
        int first = page.Wrap ? 0 : page.Column;
        var normal = listView.GetCurrentAttribute();
        var painter = new RowPainter(listView, col, row);
        // By columns: a wide character takes two, a combining mark none; one cut by the right edge shows as a blank
        // (wrapped rows are cut by columns, so it is whole on the next row).
        int at = first;
        for (int drawn = 0; drawn < width;)
        {
            var attribute = AttributeAt(shown, at, lineColors, selected, normal);
            var (rune, length) = RuneAt(shown.Text, at);
            int columns = TextWidth.Of(rune);
            if (drawn + columns > width)
            {
                (rune, columns) = (Blank, 1);
            }

            painter.Put(rune, attribute);
            drawn += columns;
            at += length;
        }

        listView.SetAttribute(normal);
    }

    private static readonly Rune Blank = new(' ');

    // The character at a char index of a row (a pair of surrogates is one), a blank past its end; control characters
    // and a lone surrogate show as a blank.
    private static (Rune Rune, int Length) RuneAt(string text, int at)
    {
        if (at >= text.Length)
        {
            return (Blank, 1);
        }

        char c = text[at];
        if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
        {
            return (new Rune(c, text[at + 1]), 2);
        }

        return (char.IsSurrogate(c) || char.IsControl(c) ? Blank : new Rune(c), 1);
    }

    private Terminal.Gui.Drawing.Attribute AttributeAt(PageLine shown, int at, Color[] lineColors, bool selected, Terminal.Gui.Drawing.Attribute normal)
    {
        int mark = at < shown.Text.Length ? page.MarkAt(shown, at) : 0;
        if (mark > 0)
        {
            return new Terminal.Gui.Drawing.Attribute(MatchForeground, mark == 2 ? CurrentBackground : MatchBackground);
        }

        if (selected)
        {
            return normal;
        }

        int source = shown.Start + at;
        var color = source < lineColors.Length ? lineColors[source] : new Color(ColorName16.Gray);
        return new Terminal.Gui.Drawing.Attribute(color, normal.Background);
    }

    private Color[] ColorsOf(int line)
    {
        // Colouring a line scans it; the rows of one wrapped line are drawn one after another.
        if (line != _coloredLine)
        {
            _coloredLine = line;
            _colored = colors(page.Lines[line]);
        }

        return _colored;
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    public IList ToList() => page.Shown.Select(s => s.Text).ToList();

    public void Dispose()
    {
    }
}
