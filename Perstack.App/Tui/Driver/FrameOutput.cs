using System.Drawing;
using System.Runtime.CompilerServices;
using System.Text;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's ANSI output, writing a frame to the terminal in one piece. The library writes each run of changed
/// cells, and each cursor move before it, with a write(2) of its own: a key that moves the selection made ~40 writes,
/// and each woke the terminal (tmux, an SSH session) to read and draw a part. Here what the library would write while
/// it writes a frame is gathered, in the same order, and written once at the end of the frame; output outside a frame
/// (the cursor, the terminal's modes) goes out as before.
/// </summary>
internal sealed class FrameOutput(AppModel appModel) : AnsiOutput(appModel)
{
    private readonly StringBuilder _frame = new();
    private bool _inFrame;

    /// <inheritdoc />
    public override void Write(IOutputBuffer buffer)
    {
        _inFrame = true;
        try
        {
            base.Write(buffer);
        }
        finally
        {
            _inFrame = false;
            if (_frame.Length > 0)
            {
                base.Write(_frame);
                _frame.Clear();
            }
        }
    }

    /// <inheritdoc />
    protected override void Write(StringBuilder output)
    {
        if (_inFrame)
        {
            _frame.Append(output);
            return;
        }

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

        int top = AppScreen(this)?.Invoke().Y ?? 0;
        _frame.Append(EscSeqUtils.CSI_SetCursorPosition(row + 1 + top, col + 1));
        return true;
    }

    // The inline mode's screen offset (null full-screen); a renamed property fails at the first frame and in FrameOutputTests.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_AppScreenGetter")]
    private static extern Func<Rectangle>? AppScreen(AnsiOutput output);
}
