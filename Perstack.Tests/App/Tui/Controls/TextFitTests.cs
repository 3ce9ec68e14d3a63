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
    public void Wide_characters_are_cut_by_the_columns_they_take()
    {
        var cut = TextFit.Middle("日本語のタイトル：支払いのデバッグ", 11);

        cut.Should().Be("日本…ッグ", "5 columns each side of the …: a third wide character would take 6");
        TextWidth.Of(cut).Should().BeLessThanOrEqualTo(11);
        TextFit.Middle("🎉🎉🎉🎉🎉🎉", 5).Should().Be("🎉…🎉");
    }

    [TestCase("abc", 3)]
    [TestCase("日本", 4)]
    [TestCase("🎉x", 3)]
    [TestCase("e\u0301", 1)]
    [TestCase("", 0)]
    public void Text_width_counts_columns(string text, int columns) =>
        TextWidth.Of(System.Text.RegularExpressions.Regex.Unescape(text)).Should().Be(columns);

    [Test]
    public void Wrapping_breaks_at_spaces_keeps_the_indent_and_cuts_long_words()
    {
        TextFit.Wrap("  one two three four", 12).Should().Equal("  one two", "  three four");
        TextFit.Wrap("abcdefghijklmnop", 10).Should().Equal("abcdefghij", "klmnop");
        TextFit.Wrap("a\n\nb", 10).Should().Equal("a", "", "b");
        TextFit.Wrap("日本語のテキスト", 6).Should().Equal("日本語", "のテキ", "スト");
        TextFit.Wrap("支払い の デバッグ", 9).Should().Equal("支払い の", "デバッグ");
        TextFit.Wrap("支払い の デバッグ", 8).Should().Equal("支払い", "の", "デバッグ");
        TextFit.Wrap("日本", 1).Should().Equal("日", "本");
    }
}
