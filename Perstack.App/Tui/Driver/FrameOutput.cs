using System.Drawing;
using System.Runtime.CompilerServices;
using System.Text;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's ANSI output, writing a frame to the terminal in one piece. The library writes each run of changed
/// cells, and each cursor move before it, with a write(2) of its own: a key that moves the selection made ~40 writes,
/// and each woke the terminal (tmux, an SSH session) to read and draw a part. Here what the library would write while
/// it writes a frame is gathered, in the same order, and written once at the end of the frame; output outside a frame
/// (the cursor, the terminal's modes) goes out as before.
/// A changed row whose changed cells each hold one character one column wide, and that carries no link, is written
/// here, as the library writes it: the library measures each changed cell's text again through an allocating path
/// (a fifth of a keystroke, and most of the garbage that brings on its collections). Rows with wide or combined
/// characters or links, and frames with images, stay the library's.
/// </summary>
internal sealed class FrameOutput(AppModel appModel) : AnsiOutput(appModel)
{
    private readonly StringBuilder _frame = new();
    private bool _inFrame;

    /// <inheritdoc />
    public override void Write(IOutputBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _inFrame = true;
        try
        {
            if (!IsLegacyConsole && buffer.Contents is not null && buffer.GetRasterImages().Count == 0)
            {
                WriteNarrowRows(buffer, buffer.Contents);
            }

            base.Write(buffer);
        }
        finally
        {
            _inFrame = false;
            if (_frame.Length > 0)
            {
                Written++;
                base.Write(_frame);
                _frame.Clear();
            }
        }
    }

    /// <summary>
    /// The library's loop (OutputBase.Write) for the rows it would write without measuring: a move to the row's start,
    /// then each run of changed cells after a move to it, an attribute where it changes (its style tracked as the
    /// library tracks it, so the rows left to it go on from the same state). The rows written are marked clean.
    /// </summary>
    private void WriteNarrowRows(IOutputBuffer buffer, Cell[,] contents)
    {
        var linked = RowsWithUrls(this);
        ref var style = ref RedrawTextStyle(this);
        Terminal.Gui.Drawing.Attribute? last = null;
        for (int row = 0; row < buffer.Rows; row++)
        {
            if (!buffer.DirtyLines[row] || LeftToLibrary(buffer, contents, linked, row))
            {
                continue;
            }

            if (buffer is OutputBufferImpl impl && MayHoldUrl(contents, row, buffer.Cols))
            {
                // Finds the links the row's text holds, as the library does first (a link needs "://"; a row without
                // a colon and without links found before has nothing to find or forget).
                SyncAutoUrlsForRow(impl, row);
                if (HasUrl(buffer, row))
                {
                    continue;
                }
            }

            AppendRow(_frame, contents, row, buffer.Cols, ref style, ref last, markClean: true);
            buffer.DirtyLines[row] = false;
        }
    }

    // A move to the row's start, then each run of changed cells after a move to it, with an attribute where it changes.
    private void AppendRow(StringBuilder into, Cell[,] contents, int row, int cols, ref TextStyle style, ref Terminal.Gui.Drawing.Attribute? last, bool markClean)
    {
        AppendMove(into, 0, row);
        int at = 0;
        for (int col = 0; col < cols; col++)
        {
            ref var cell = ref contents[row, col];
            if (!cell.IsDirty)
            {
                continue;
            }

            if (col != at)
            {
                AppendMove(into, col, row);
            }

            if (markClean)
            {
                cell.IsDirty = false;
            }

            if (cell.Attribute is { } attribute && (last is not { } shown || !CellAttributes.Same(shown, attribute)))
            {
                AppendOrWriteAttribute(into, attribute, style);
                style = attribute.Style;
                last = attribute;
            }

            into.Append(cell.Grapheme);
            at = col + 1;
        }
    }

    /// <summary>
    /// What a frame would write for the changed cells of <paramref name="rows"/> (as <see cref="WriteNarrowRows"/> writes
    /// them), into <paramref name="into"/>, touching nothing: for <see cref="SelectionForecast"/>, which writes it later
    /// with <see cref="WriteAhead"/>. False when a row is one this class leaves to the library (a changed cell not narrow,
    /// a link, or text that may hold one).
    /// </summary>
    public bool TryRender(IOutputBuffer buffer, ReadOnlySpan<int> rows, StringBuilder into, out TextStyle endStyle)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(into);
        endStyle = RedrawTextStyle(this);
        var contents = buffer.Contents;
        if (IsLegacyConsole || contents is null || buffer.GetRasterImages().Count > 0)
        {
            return false;
        }

        var linked = RowsWithUrls(this);
        Terminal.Gui.Drawing.Attribute? last = null;
        foreach (int row in rows)
        {
            if (row < 0 || row >= buffer.Rows || LeftToLibrary(buffer, contents, linked, row) || MayHoldLink(contents, row, buffer.Cols))
            {
                return false;
            }

            AppendRow(into, contents, row, buffer.Cols, ref endStyle, ref last, markClean: false);
        }

        return true;
    }

    /// <summary>
    /// Writes <paramref name="text"/> (from <see cref="TryRender"/>) now, outside a frame; the terminal's text style is then
    /// <paramref name="endStyle"/>, which the next frame's attributes go on from.
    /// </summary>
    public void WriteAhead(StringBuilder text, TextStyle endStyle)
    {
        ArgumentNullException.ThrowIfNull(text);
        RedrawTextStyle(this) = endStyle;
        Written++;
        base.Write(text);
    }

    /// <summary>How many times this output has written to the terminal: what it wrote before is no longer all there is.</summary>
    public long Written { get; private set; }

    // Text the library would make a link of ("://"), which only its path finds.
    private static bool MayHoldLink(Cell[,] contents, int row, int cols)
    {
        for (int col = 0; col + 2 < cols; col++)
        {
            if (contents[row, col].Grapheme == ":" && contents[row, col + 1].Grapheme == "/" && contents[row, col + 2].Grapheme == "/")
            {
                return true;
            }
        }

        return false;
    }

    // A row the library writes: one whose links the terminal was given, with a changed cell not narrow, or with a link.
    private static bool LeftToLibrary(IOutputBuffer buffer, Cell[,] contents, HashSet<int> linked, int row) =>
        linked.Contains(row) || !ChangesAreNarrow(contents, row, buffer.Cols) || HasUrl(buffer, row);

    // Every changed cell holds one character that the library counts as one column: it moves on one column per cell.
    private static bool ChangesAreNarrow(Cell[,] contents, int row, int cols)
    {
        for (int col = 0; col < cols; col++)
        {
            ref readonly var cell = ref contents[row, col];
            if (cell.IsDirty && !NarrowCells.Holds(cell.Grapheme))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MayHoldUrl(Cell[,] contents, int row, int cols)
    {
        for (int col = 0; col < cols; col++)
        {
            if (contents[row, col].Grapheme is { } text && text.Contains(':', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUrl(IOutputBuffer buffer, int row)
    {
        for (int col = 0; col < buffer.Cols; col++)
        {
            if (!string.IsNullOrEmpty(buffer.GetCellUrl(col, row)))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    protected override void Write(StringBuilder output)
    {
        if (_inFrame)
        {
            _frame.Append(output);
            return;
        }

        Written++;
        base.Write(output);
    }

    /// <summary>
    /// The library's cursor move (AnsiOutput.SetCursorPositionImpl), into the frame: nothing when the cursor is there
    /// already (false: the library then stops writing the frame, as it does without this class), else the move.
    /// </summary>
    protected override bool SetCursorPositionImpl(int col, int row)
    {
        if (!_inFrame)
        {
            return base.SetCursorPositionImpl(col, row);
        }

        if (GetCursor().Position is { } at && at.X == col && at.Y == row)
        {
            return false;
        }

        AppendMove(_frame, col, row);
        return true;
    }

    private void AppendMove(StringBuilder into, int col, int row)
    {
        int top = AppScreen(this)?.Invoke().Y ?? 0;
        into.Append(EscSeqUtils.CSI_SetCursorPosition(row + 1 + top, col + 1));
    }

    // The library's state that its loop and the one above share; a renamed member fails at the first frame and in
    // FrameOutputTests. The inline mode's screen offset (null full-screen):
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_AppScreenGetter")]
    private static extern Func<Rectangle>? AppScreen(AnsiOutput output);

    // The rows whose links the terminal was given (the library ends them when the row is written again).
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_rowsWithUrls")]
    private static extern ref HashSet<int> RowsWithUrls(OutputBase output);

    // The text style the terminal was last given, which the next attribute's style change starts from.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_redrawTextStyle")]
    private static extern ref TextStyle RedrawTextStyle(OutputBase output);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "SyncAutoUrlsForRow")]
    private static extern void SyncAutoUrlsForRow(OutputBufferImpl buffer, int row);
}
