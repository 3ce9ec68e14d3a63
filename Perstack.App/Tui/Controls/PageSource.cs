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
        for (int i = 0; i < width; i++)
        {
            int at = first + i;
            char c = at < shown.Text.Length ? shown.Text[at] : ' ';
            int mark = at < shown.Text.Length ? page.MarkAt(shown, at) : 0;
            Terminal.Gui.Drawing.Attribute attribute;
            if (mark > 0)
            {
                attribute = new Terminal.Gui.Drawing.Attribute(MatchForeground, mark == 2 ? CurrentBackground : MatchBackground);
            }
            else if (selected)
            {
                attribute = normal;
            }
            else
            {
                int source = shown.Start + at;
                var color = source < lineColors.Length ? lineColors[source] : new Color(ColorName16.Gray);
                attribute = new Terminal.Gui.Drawing.Attribute(color, normal.Background);
            }

            if (char.IsHighSurrogate(c) && at + 1 < shown.Text.Length && char.IsLowSurrogate(shown.Text[at + 1]))
            {
                // A character outside the BMP (an emoji) is two UTF-16 units and, as a rule, two columns wide.
                painter.Put(shown.Text.Substring(at, 2), attribute);
                i++;
                continue;
            }

            painter.Put(new Rune(char.IsSurrogate(c) || char.IsControl(c) ? ' ' : c), attribute);
        }

        listView.SetAttribute(normal);
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
