using FluentAssertions;
using Perstack.App.Tui.Controls;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>Free text cut in the middle and wrapped for the panes.</summary>
public sealed class TextFitTests
{
    [Test]
    public void Long_text_is_cut_in_the_middle_on_one_line()
    {
        TextFit.Middle("refactor the\nparser module now", 11).Should().Be("refac…e now");
        TextFit.Middle("short", 11).Should().Be("short");
    }

    [Test]
    public void Wrapping_breaks_at_spaces_keeps_the_indent_and_cuts_long_words()
    {
        TextFit.Wrap("  one two three four", 12).Should().Equal("  one two", "  three four");
        TextFit.Wrap("abcdefghijklmnop", 10).Should().Equal("abcdefghij", "klmnop");
        TextFit.Wrap("a\n\nb", 10).Should().Equal("a", "", "b");
    }
}
