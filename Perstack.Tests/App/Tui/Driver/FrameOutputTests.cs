using System.Text;
using FluentAssertions;
using Perstack.App.Tui.Driver;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>A frame is written in one piece, byte for byte what the library writes in pieces.</summary>
public sealed class FrameOutputTests
{
    [Test]
    public void A_frame_is_the_library_output_in_one_write()
    {
        var library = new CountingOutput();
        var frame = new FrameOutput(AppModel.FullScreen);

        library.Write(Buffer());
        frame.Write(Buffer());

        library.Writes.Should().BeGreaterThan(4, "the library writes each run of changed cells and each move by itself");
        frame.GetLastOutput().Should().Be(library.GetLastOutput()).And.Contain("\u001b[3;5H").And.Contain("mselected");
    }

    [Test]
    public void Output_outside_a_frame_is_written_as_before()
    {
        var frame = new FrameOutput(AppModel.FullScreen);
        frame.Write(Buffer());

        frame.Write("\u001b[?25l".AsSpan());

        frame.GetLastOutput().Should().EndWith("\u001b[?25l");
    }

    // Rows 1 and 3 changed, with a gap and two colours: moves, runs and attributes.
    private static OutputBufferImpl Buffer()
    {
        var buffer = new OutputBufferImpl();
        buffer.SetSize(20, 4);
        buffer.ClearContents();
        foreach (var line in Enumerable.Range(0, buffer.Rows))
        {
            foreach (var column in Enumerable.Range(0, buffer.Cols))
            {
                buffer.Contents![line, column].IsDirty = false;
            }

            buffer.DirtyLines[line] = false;
        }

        buffer.CurrentAttribute = new Attribute(Color.White, Color.Black);
        buffer.Move(0, 0);
        buffer.AddStr("jobs");
        buffer.Move(10, 0);
        buffer.AddStr("3 steps");
        buffer.CurrentAttribute = new Attribute(Color.Black, Color.White);
        buffer.Move(4, 2);
        buffer.AddStr("selected");
        return buffer;
    }

    /// <summary>The library's output as on a terminal: each write counted, each cursor move written (off a terminal it writes none).</summary>
    private sealed class CountingOutput() : AnsiOutput(AppModel.FullScreen)
    {
        public int Writes { get; private set; }

        protected override void Write(StringBuilder output)
        {
            Writes++;
            base.Write(output);
        }

        protected override bool SetCursorPositionImpl(int col, int row)
        {
            if (GetCursor().Position is { } at && at.X == col && at.Y == row)
            {
                return false;
            }

            Write(new StringBuilder(EscSeqUtils.CSI_SetCursorPosition(row + 1, col + 1)));
            return true;
        }
    }
}
