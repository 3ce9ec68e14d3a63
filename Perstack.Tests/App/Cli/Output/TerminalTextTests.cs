using FluentAssertions;
using Perstack.App.Cli.Output;

namespace Perstack.Tests.App.Cli.Output;

public sealed class TerminalTextTests
{
    [TestCase("plain text, ünïcode ✓ and 漢字", "plain text, ünïcode ✓ and 漢字")]
    [TestCase("tab\tand\nnewline", "tab\tand\nnewline")]
    [TestCase("windows\r\nline", "windows\r\nline")]
    [TestCase("\u001b]52;c;SGk=\u0007", @"\x1b]52;c;SGk=\x07")]
    [TestCase("\u001b[2J\u001b[1;1H", @"\x1b[2J\x1b[1;1H")]
    [TestCase("lone\rreturn", @"lone\x0dreturn")]
    [TestCase("del\u007f c1\u009b31m nul\0", @"del\x7f c1\x9b31m nul\x00")]
    [TestCase("\u202eevil\u2066", @"\u202eevil\u2066")]
    public void Control_characters_are_written_visibly(string text, string shown) => TerminalText.Escape(text).Should().Be(shown);

    [Test]
    public async Task The_writer_escapes_every_way_of_writing_and_keeps_its_own_line_endings()
    {
        await using var inner = new StringWriter { NewLine = "\n" };
        await using var writer = new EscapingTextWriter(inner);

        writer.Write('\u001b');
        writer.Write("a\u0007");
        writer.Write("b\u009b".ToCharArray(), 0, 2);
        writer.WriteLine("c\u001b");
        await writer.WriteAsync("d\u0008".AsMemory());
        await writer.WriteLineAsync("e\u202e");
        await writer.WriteLineAsync();

        inner.ToString().Should().Be("\\x1ba\\x07b\\x9bc\\x1b\nd\\x08e\\u202e\n\n");
    }
}
