using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A virtualized list source: rows are formatted only when drawn, so a list of 100,000 jobs creates no views and no
/// strings up front.
/// </summary>
internal sealed class RowSource<T> : IListDataSource
{
    private readonly IReadOnlyList<T> _items;
    private readonly Func<T, string> _text;
    private readonly Func<T, string?>? _suffix;
    private readonly Func<T, Color?>? _color;
    private readonly Func<T, int, IReadOnlyList<RowSegment>>? _layout;
    private readonly Func<T, object?>? _changes;
    private readonly Dictionary<int, LaidOutRow> _laidOut = [];

    public RowSource(IReadOnlyList<T> items, Func<T, string> text, Func<T, string?>? suffix = null, Func<T, Color?>? color = null)
    {
        _items = items;
        _text = text;
        _suffix = suffix;
        _color = color;
    }

    /// <summary>
    /// Rows laid out for the width they are drawn in (<paramref name="layout"/> gets the row and the width). With
    /// <paramref name="changes"/> (what a row may change after it is made, compared by reference), a row's layout is
    /// kept and made again only when the row, the width or that changes: a key that moves the selection repaints every
    /// visible row, and laying one out formats its times and counts again.
    /// </summary>
    public RowSource(IReadOnlyList<T> items, Func<T, string> text, Func<T, int, IReadOnlyList<RowSegment>> layout, Func<T, object?>? changes = null)
        : this(items, text)
    {
        _layout = layout;
        _changes = changes;
    }

    public IReadOnlyList<T> Items => _items;

    public int Count => _items.Count;

    // Measuring every row would format them all; the widest rows are about this long.
    public int MaxItemLength => 160;

    public bool SuspendCollectionChangedEvent { get; set; }

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    /// <summary>Tells the list view that rows were added to or changed in the underlying list.</summary>
    public void NotifyChanged()
    {
        _laidOut.Clear();
        CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
    }

    /// <summary>The full text of a row (row text, two spaces, suffix).</summary>
    public string RowText(int index)
    {
        var item = _items[index];
        var suffix = _suffix?.Invoke(item);
        return string.IsNullOrEmpty(suffix) ? _text(item) : $"{_text(item)}  {suffix}";
    }

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        ArgumentNullException.ThrowIfNull(listView);
        var normal = listView.GetCurrentAttribute();
        var painter = new RowPainter(listView, col, row);
        if (_layout is not null)
        {
            PaintSegments(ref painter, normal, selected, LaidOut(item, width + viewportX), width, viewportX);
        }
        else
        {
            var attribute = !selected && _color?.Invoke(_items[item]) is { } color ? new Terminal.Gui.Drawing.Attribute(color, normal.Background) : normal;
            PaintSegments(ref painter, attribute, selected: false, [new RowSegment(RowText(item))], width, viewportX);
        }

        listView.SetAttribute(normal);
    }

    private IReadOnlyList<RowSegment> LaidOut(int item, int width)
    {
        var row = _items[item];
        if (_changes is null)
        {
            return _layout!(row, width);
        }

        var changes = _changes(row);
        if (_laidOut.TryGetValue(item, out var known) && known.Width == width && ReferenceEquals(known.Row, row) && ReferenceEquals(known.Changes, changes))
        {
            return known.Segments;
        }

        if (_laidOut.Count >= MaxLaidOut)
        {
            _laidOut.Clear(); // the rows scrolled past; those on screen are laid out again once
        }

        var segments = _layout!(row, width);
        _laidOut[item] = new LaidOutRow(row, width, changes, segments);
        return segments;
    }

    // Enough for a few screens of the tallest terminal.
    private const int MaxLaidOut = 1024;

    private readonly record struct LaidOutRow(T Row, int Width, object? Changes, IReadOnlyList<RowSegment> Segments);

    private static void PaintSegments(ref RowPainter painter, Terminal.Gui.Drawing.Attribute normal, bool selected, IReadOnlyList<RowSegment> segments, int width, int viewportX)
    {
        // In columns (a wide character takes two): one cut by the right edge is left out, one cut by the left edge (a
        // sideways scroll) shows as blanks.
        int column = 0;
        int drawn = 0;
        bool full = false;
        foreach (var segment in segments)
        {
            if (full)
            {
                break;
            }

            var attribute = AttributeOf(segment, normal, selected);
            foreach (var rune in segment.Text.EnumerateRunes())
            {
                int columns = TextWidth.Of(rune);
                if (drawn + columns > width)
                {
                    full = true;
                    break;
                }

                if (column >= viewportX)
                {
                    painter.Put(rune, attribute);
                    drawn += columns;
                }
                else if (column + columns > viewportX)
                {
                    painter.Pad(column + columns - viewportX, attribute);
                    drawn += column + columns - viewportX;
                }

                column += columns;
            }
        }

        painter.Pad(width - drawn, normal);
    }

    private static Terminal.Gui.Drawing.Attribute AttributeOf(RowSegment segment, Terminal.Gui.Drawing.Attribute normal, bool selected)
    {
        // The selected row keeps the focus colours (a status colour on them may be unreadable); matches stay marked.
        var foreground = selected ? normal.Foreground : segment.Matched ? MatchColor : segment.Color ?? normal.Foreground;
        var style = segment.Matched ? normal.Style | TextStyle.Bold | TextStyle.Underline : normal.Style;
        return new Terminal.Gui.Drawing.Attribute(foreground, normal.Background, style);
    }

    private static readonly Color MatchColor = new(ColorName16.BrightYellow);

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    public IList ToList() => _items.Select((_, i) => RowText(i)).ToList();

    public void Dispose()
    {
    }
}
