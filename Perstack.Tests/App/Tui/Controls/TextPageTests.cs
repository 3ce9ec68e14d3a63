using FluentAssertions;
using Perstack.App.Tui.Controls;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>The pager's text: wrapping at the width, sideways scrolling, search with a current match.</summary>
public sealed class TextPageTests
{
    [Test]
    public void Wrapping_cuts_long_lines_at_the_width_and_unwrapping_restores_them()
    {
        var page = new TextPage(["short", new string('a', 25), "end"]);
        page.SetWidth(10);

        page.Shown.Select(s => s.Text).Should().Equal("short", new string('a', 25), "end");
        page.ToggleWrap();
        page.Shown.Select(s => s.Text).Should().Equal("short", new string('a', 10), new string('a', 10), new string('a', 5), "end");
        page.Shown.Select(s => s.Line).Should().Equal(0, 1, 1, 1, 2);
        page.ToggleWrap();
        page.Shown.Should().HaveCount(3);
    }

    [Test]
    public void Wrapping_cuts_wide_characters_by_the_columns_they_take()
    {
        var page = new TextPage(["日本語のテキストを表示する", "emoji 🎉🎉🎉🎉"]);
        page.SetWidth(10);
        page.ToggleWrap();

        page.Shown.Select(s => s.Text).Should().Equal("日本語のテ", "キストを表", "示する", "emoji 🎉🎉", "🎉🎉");
        page.Shown.Should().AllSatisfy(s => TextWidth.Of(s.Text).Should().BeLessThanOrEqualTo(10));
    }

    [Test]
    public void Scrolling_sideways_stops_at_the_widest_line_and_never_when_wrapped()
    {
        var page = new TextPage([new string('x', 30)]);
        page.SetWidth(20);

        page.Scroll(-8).Should().BeFalse("already at the left edge");
        page.Scroll(8).Should().BeTrue();
        page.Column.Should().Be(8);
        page.Scroll(100);
        page.Column.Should().Be(30 - 20 + TextPage.SideStep);
        page.ToggleWrap();
        page.Column.Should().Be(0);
        page.Scroll(8).Should().BeFalse();
    }

    [Test]
    public void Search_finds_every_match_case_insensitively_and_n_and_N_wrap_around()
    {
        var page = new TextPage(["Foo bar foo", "nothing", "FOO"]);

        page.Search("foo");

        page.Matches.Should().Equal(new PageMatch(0, 0, 3), new PageMatch(0, 8, 3), new PageMatch(2, 0, 3));
        page.MatchText.Should().Be("match 1 of 3 for \"foo\"");
        page.Step(1);
        page.Step(1);
        page.MatchText.Should().Be("match 3 of 3 for \"foo\"");
        page.Step(1);
        page.Current.Should().Be(0, "n after the last match goes to the first");
        page.Step(-1);
        page.Current.Should().Be(2, "N before the first goes to the last");
        page.Search("zzz");
        page.MatchText.Should().Be("no match for \"zzz\"");
        page.Search("");
        page.MatchText.Should().BeEmpty();
    }

    [Test]
    public void The_current_match_is_marked_stronger_and_scrolled_into_view()
    {
        var page = new TextPage([new string('-', 50) + "needle" + new string('-', 10) + "needle"]);
        page.SetWidth(20);

        page.Search("needle");

        page.Column.Should().BeGreaterThan(0, "the first match is beyond the width");
        var line = page.Shown[0];
        page.MarkAt(line, 50).Should().Be(2);
        page.MarkAt(line, 66).Should().Be(1);
        page.MarkAt(line, 49).Should().Be(0);
        page.ShownIndexOf(page.Matches[1]).Should().Be(0);
    }

    [Test]
    public void A_match_on_a_wrapped_line_is_found_on_the_row_that_shows_it()
    {
        var page = new TextPage(["0123456789abcdefghij"]);
        page.SetWidth(10);
        page.ToggleWrap();

        page.Search("cd");

        page.ShownIndexOf(page.Matches[0]).Should().Be(1);
    }
}
