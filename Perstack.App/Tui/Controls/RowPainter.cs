using System.Drawing;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Perstack.App.Tui.Driver;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Paints one row of a list, character by character, leaving alone every cell that already shows that character in
/// that attribute. Terminal.Gui marks every cell it is given as changed, so a list redrawn after a keystroke sent
/// the whole list to the terminal again, and its path for a character allocates a string and measures it three times:
/// moving the selection one row allocated 7 MB and ran 3 to 4 collections before the frame was out. Left alone, an
/// unchanged cell costs a comparison and is not sent; only the rows that really changed (the old and the new
/// selection) take the library's path.
/// A changed cell that holds a character one column wide is written into the screen's cells here, as the library's
/// path would leave it (character, attribute, the cell and the next one marked to be sent), without that path's
/// allocations and measuring, which were most of a keystroke's time.
/// Bidirectional controls are painted as U+FFFD (<see cref="TextWidth.IsBidiControl"/>). A character that takes no column
/// (a combining mark) joins the cell of the character before it (<see cref="Join"/>).
/// Only characters one column wide (<see cref="NarrowCells"/>) are compared and written: from the first other one on (wide, combining, outside
/// the BMP), the rest of the row takes the library's path, which knows their widths.
/// </summary>
internal struct RowPainter
{
    private readonly View _view;
    private readonly IDriver? _driver;
    private readonly Cell[,]? _contents;
    private readonly bool[]? _dirtyLines;
    private readonly Region? _clip;
    private readonly int _clipRight;
    private readonly int _row;
    private readonly int _screenRow;
    private readonly int _screenLeft;
    private int _col;
    private int _baseX = -1;
    private bool _positioned;
    private bool _exact;
    private Attribute? _attribute;
    private Rectangle _clipPart;

    /// <summary>A painter for <paramref name="view"/>'s viewport row <paramref name="row"/>, from column <paramref name="col"/>.</summary>
    public RowPainter(View view, int col, int row)
    {
        ArgumentNullException.ThrowIfNull(view);
        _view = view;
        var driver = view.App?.Driver;
        _driver = driver;
        _contents = driver?.Contents;
        _clip = driver?.Clip;
        _clipRight = _clip?.GetBounds().Right ?? 0;
        _dirtyLines = _clip is null ? null : driver!.GetOutputBuffer().DirtyLines;
        _row = row;
        _col = col;
        var screen = view.ViewportToScreen(new Point(col, row));
        _screenRow = screen.Y;
        _screenLeft = screen.X - col;
        _exact = _contents is not null;
    }

    /// <summary>
    /// Draws <paramref name="list"/>'s rows as <see cref="ListView"/> does for a list without marks (the selected row in
    /// the focus colours, or the active ones without the focus), but paints the rows past the end with a painter too: the
    /// library's loop sends each of those blank cells to the terminal again on every redraw.
    /// </summary>
    public static void PaintList(ListView list)
    {
        ArgumentNullException.ThrowIfNull(list);
        PaintViewport(list, list.Source!, list.Viewport.Y, list.SelectedItem);
    }

    /// <summary>
    /// Paints the viewport rows given, as <see cref="PaintList"/> paints them; as if <paramref name="selectedItem"/> were
    /// selected, when given (<see cref="Driver.SelectionForecast"/>).
    /// </summary>
    public static void PaintRows(ListView list, IReadOnlyList<int> rows, int? selectedItem = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var colours = Colours.Of(list);
        foreach (int row in rows)
        {
            PaintRow(list, list.Source!, list.Viewport.Y + row, row, colours, selectedItem ?? list.SelectedItem);
        }
    }

    /// <summary>
    /// Paints <paramref name="list"/>'s viewport as it would show <paramref name="source"/> from its first row, nothing
    /// selected (what a pane given new lines shows: <see cref="PreviewPane.PaintAs"/>).
    /// </summary>
    public static void PaintSource(ListView list, IListDataSource source)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(source);
        PaintViewport(list, source, top: 0, selectedItem: null);
    }

    // Every viewport row: source's rows from top, the rows past its end blank.
    private static void PaintViewport(ListView list, IListDataSource source, int top, int? selectedItem)
    {
        var colours = Colours.Of(list);
        for (int row = 0; row < list.Viewport.Height; row++)
        {
            PaintRow(list, source, top + row, row, colours, selectedItem);
        }
    }

    private static void PaintRow(ListView list, IListDataSource source, int item, int row, Colours colours, int? selectedItem)
    {
        bool selected = item == selectedItem;
        var attribute = selected ? colours.Highlighted : colours.Normal;
        list.SetAttribute(attribute);
        if (item < source.Count)
        {
            source.Render(list, selected, item, 0, row, list.Viewport.Width, list.Viewport.X);
        }
        else
        {
            new RowPainter(list, 0, row).Pad(list.Viewport.Width, attribute);
        }
    }

    // Asked once per paint: the library resolves a role through the view's scheme, allocating on each call.
    private readonly record struct Colours(Attribute Normal, Attribute Highlighted)
    {
        public static Colours Of(ListView list) =>
            new(list.GetAttributeForRole(VisualRole.Normal), list.GetAttributeForRole(list.HasFocus ? VisualRole.Focus : VisualRole.Active));
    }

    /// <summary>Paints <paramref name="rune"/> in <paramref name="attribute"/> at the next column.</summary>
    public void Put(Rune rune, Attribute attribute)
    {
        if (TextWidth.IsBidiControl(rune))
        {
            rune = Rune.ReplacementChar;
        }

        if (NarrowCells.TextOf(rune) is null)
        {
            if (TextWidth.Of(rune) == 0)
            {
                Join(rune);
                return;
            }

            if (_exact)
            {
                // Widths from here on are the library's to count.
                Position();
                _exact = false;
            }
        }

        if (_exact && (Shows(rune, attribute) || TryWrite(rune, attribute)))
        {
            _baseX = _screenLeft + _col;
            _col++;
            _positioned = false;
            return;
        }

        Prepare(attribute);
        _baseX = _driver?.Col ?? -1;
        _view.AddRune(rune);
        _col++;
    }

    /// <summary>
    /// Adds a character that takes no column (a combining mark) to the cell of the character painted before
    /// it, which the terminal is then sent whole. The library gives it a cell of its own: the row took a column more per
    /// mark than the terminal shows (cutting its end), and a mark written alone is added by the terminal to the character
    /// already on screen, one more each time the row is written again. Left out: one that cannot join (first in the row,
    /// after a cell it does not extend, outside the clip), the zero-width joiner (see <see cref="ZeroWidthJoiner"/>), and
    /// marks past <see cref="MaxCellLength"/> (a title of hundreds of marks on one letter is input, not a reason to send
    /// a kilobyte per cell).
    /// </summary>
    private void Join(Rune rune)
    {
        var contents = _contents;
        if (rune.Value == ZeroWidthJoiner || contents is null || _dirtyLines is null || _baseX < 0 || _screenRow < 0 || _screenRow >= contents.GetLength(0)
            || _baseX >= contents.GetLength(1) || !InClip(_baseX))
        {
            return;
        }

        ref var cell = ref contents[_screenRow, _baseX];
        string joined = string.Concat(cell.Grapheme, rune.ToString());
        if (joined.Length > MaxCellLength || StringInfo.GetNextTextElementLength(joined) != joined.Length)
        {
            return;
        }

        cell.Grapheme = joined; // the setter keeps it in NFC, as the library's path does
        cell.IsDirty = true;
        _dirtyLines[_screenRow] = true;
    }

    // Chars a cell may hold: a letter with a few marks.
    private const int MaxCellLength = 16;

    // Left out, so an emoji sequence joined by it shows as its parts: terminals differ in whether they draw the sequence
    // as one character two columns wide or as its parts two columns each (the rows count the parts), and drawn as one
    // the rest of the row was written columns to the left of where the library puts it.
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>Paints <paramref name="count"/> spaces.</summary>
    public void Pad(int count, Attribute attribute)
    {
        for (int i = 0; i < count; i++)
        {
            Put(new Rune(' '), attribute);
        }
    }

    /// <summary>
    /// Writes a one-column character into its cell as the library's AddRune does (OutputBufferImpl.AddGrapheme): inside
    /// the clip only; the cell gets the character and the attribute, and it and the next one (which a wide character
    /// written here before may have covered) are marked for sending. False where the library must do it: outside the
    /// screen or the clip, or right of a character that is not narrow (the library repairs a wide one cut in half).
    /// The views painted this way carry no links, so the cell's link is not touched.
    /// </summary>
    private bool TryWrite(Rune rune, Attribute attribute)
    {
        int x = _screenLeft + _col;
        var contents = _contents!;
        int columns = contents.GetLength(1);
        if (_dirtyLines is null || _screenRow < 0 || _screenRow >= contents.GetLength(0) || x < 0 || x >= columns
            || !InClip(x) || (x > 0 && !NarrowCells.Holds(contents[_screenRow, x - 1].Grapheme)))
        {
            return false;
        }

        ref var cell = ref contents[_screenRow, x];
        cell.Attribute = attribute;
        // Not through Cell.Grapheme's setter, which counts the text's graphemes (allocating) and checks its
        // normalization on every write: NarrowCells' texts are one character each, already in the form it keeps.
        GraphemeOf(ref cell) = NarrowCells.TextOf(rune)!;
        cell.IsDirty = true;
        if (x < _clipRight - 1 && x + 1 < columns)
        {
            contents[_screenRow, x + 1].IsDirty = true;
        }

        _dirtyLines[_screenRow] = true;
        return true;
    }

    // Whether the clip holds column x of the row: asked per cell, answered from the clip's rectangle that held the last
    // one (the region's own check locks and walks its rectangles each time).
    private bool InClip(int x)
    {
        if (_clipPart.Contains(x, _screenRow))
        {
            return true;
        }

        foreach (var part in _clip!.GetRectangles())
        {
            if (part.Contains(x, _screenRow))
            {
                _clipPart = part;
                return true;
            }
        }

        return false;
    }

    private readonly bool Shows(Rune rune, Attribute attribute)
    {
        int x = _screenLeft + _col;
        var contents = _contents!;
        if (_screenRow < 0 || _screenRow >= contents.GetLength(0) || x < 0 || x >= contents.GetLength(1))
        {
            return false;
        }

        ref readonly var cell = ref contents[_screenRow, x];
        return cell.Attribute is { } shownAttribute && CellAttributes.Same(shownAttribute, attribute) && cell.Grapheme is { Length: 1 } shown && (shown[0] == rune.Value || ReferenceEquals(shown, NarrowCells.TextOf(rune)))
            && (x == 0 || NarrowCells.Holds(contents[_screenRow, x - 1].Grapheme)); // a cell that cuts a wide one on its left in half repairs it: never skipped
    }

    private void Prepare(Attribute attribute)
    {
        Position();
        if (_attribute != attribute)
        {
            _view.SetAttribute(attribute);
            _attribute = attribute;
        }
    }

    private void Position()
    {
        if (!_positioned)
        {
            _view.Move(_col, _row);
            _positioned = true;
        }
    }

    // Cell's text, past its setter (see TryWrite); a renamed field fails at the first paint and in RowPainterTests.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_grapheme")]
    internal static extern ref string GraphemeOf(ref Cell cell);
}
