using System.Text;
using FluentAssertions;
using Perstack.App.Tui.Driver;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// A frame is written in one piece, byte for byte what the library writes in pieces; rows of narrow characters are
/// written without the library, and a terminal shows the same screen either way.
/// </summary>
public sealed class FrameOutputTests
{
    [Test]
    public void Narrow_rows_with_styles_are_the_library_output_byte_for_byte()
    {
        var library = new CountingOutput();
        var frame = new FrameOutput(AppModel.FullScreen);

        library.Write(StyledBuffer());
        frame.Write(StyledBuffer());

        frame.GetLastOutput().Should().Be(library.GetLastOutput()).And.Contain("\u001b[1m").And.Contain("\u001b[22m");
    }

    [Test]
    public void Rows_with_wide_characters_or_links_are_left_to_the_library_and_the_terminal_shows_the_same()
    {
        var library = new CountingOutput();
        var frame = new FrameOutput(AppModel.FullScreen);
        var written = MixedBuffer();

        library.Write(MixedBuffer());
        frame.Write(written);

        var expected = new TerminalScreen(30, 5);
        expected.Feed(library.GetLastOutput());
        var shown = new TerminalScreen(30, 5);
        shown.Feed(frame.GetLastOutput());
        shown.Text().Should().Be(expected.Text()).And.Contain("日本語").And.Contain("https://example.com/x");
        shown.Cells.Should().Equal(expected.Cells, "each cell in the same character, colours, style and link");
        shown.Cells.Should().Contain(cell => cell.Url == "https://example.com/x", "the library's links are kept");
        Enumerable.Range(0, written.Rows).Should().OnlyContain(row => !written.DirtyLines[row], "every row was written");
    }
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
    public void A_link_overwritten_by_plain_text_ends_as_with_the_library()
    {
        var library = new CountingOutput();
        var frame = new FrameOutput(AppModel.FullScreen);
        var (libraryBuffer, frameBuffer) = (CleanBuffer(30, 2), CleanBuffer(30, 2));
        var expected = new TerminalScreen(30, 2);
        var shown = new TerminalScreen(30, 2);

        foreach (var text in new[] { "go https://example.com/x now", "plain text without a link   " })
        {
            foreach (var buffer in new[] { libraryBuffer, frameBuffer })
            {
                buffer.CurrentAttribute = new Attribute(Color.White, Color.Black);
                buffer.Move(0, 1);
                buffer.AddStr(text);
            }

            library.Write(libraryBuffer);
            expected.Feed(library.GetLastOutput());
            frame.Write(frameBuffer);
            shown.Feed(frame.GetLastOutput());
        }

        shown.Text().Should().Contain("plain text without a link");
        shown.Cells.Should().Equal(expected.Cells).And.OnlyContain(cell => cell.Url == null);
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
        var buffer = CleanBuffer(20, 4);
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

    // Bold, then plain, then underlined rows: the style changes carry from row to row.
    private static OutputBufferImpl StyledBuffer()
    {
        var buffer = CleanBuffer(20, 4);
        buffer.CurrentAttribute = new Attribute(Color.White, Color.Black, TextStyle.Bold);
        buffer.Move(2, 0);
        buffer.AddStr("bold");
        buffer.CurrentAttribute = new Attribute(Color.White, Color.Black);
        buffer.Move(0, 1);
        buffer.AddStr("plain");
        buffer.CurrentAttribute = new Attribute(Color.Yellow, Color.Blue, TextStyle.Underline);
        buffer.Move(3, 3);
        buffer.AddStr("under");
        return buffer;
    }

    // A bold narrow row, a plain row with wide characters, a row with a link, a narrow row: written out of the
    // library's order (the narrow rows first), with the style the library goes on from.
    private static OutputBufferImpl MixedBuffer()
    {
        var buffer = CleanBuffer(30, 5);
        buffer.CurrentAttribute = new Attribute(Color.Red, Color.Black, TextStyle.Bold);
        buffer.Move(0, 0);
        buffer.AddStr("bold row");
        buffer.CurrentAttribute = new Attribute(Color.White, Color.Black);
        buffer.Move(1, 1);
        buffer.AddStr("wide 日本語 row");
        buffer.Move(0, 2);
        buffer.AddStr("see https://example.com/x now");
        buffer.CurrentAttribute = new Attribute(Color.Black, Color.White, TextStyle.Italic);
        buffer.Move(4, 4);
        buffer.AddStr("last");
        return buffer;
    }

    private static OutputBufferImpl CleanBuffer(int cols, int rows)
    {
        var buffer = new OutputBufferImpl();
        buffer.SetSize(cols, rows);
        buffer.ClearContents();
        foreach (var line in Enumerable.Range(0, buffer.Rows))
        {
            foreach (var column in Enumerable.Range(0, buffer.Cols))
            {
                buffer.Contents![line, column].IsDirty = false;
            }

            buffer.DirtyLines[line] = false;
        }

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
