using FluentAssertions;
using Perstack.App.Tui.Controls;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>The <c>/</c> filter's matching rule: substring first, else the letters in order within a span.</summary>
public sealed class FuzzyMatchTests
{
    [TestCase("payments-debug", "payments", true)]
    [TestCase("payments-debug", "PAYMENTS", true)]
    [TestCase("payments-debug", "pdbg", true)]
    [TestCase("payments-debug", "gbdp", false)]
    [TestCase("fake-coordinator", "fcoord", true)]
    [TestCase("fake-coordinator", "fakex", false)]
    [TestCase("", "a", false)]
    public void A_word_matches_a_field_holding_its_letters_in_order(string text, string word, bool matches) =>
        FuzzyMatch.Matches(text, word).Should().Be(matches);

    [Test]
    public void Letters_scattered_over_more_than_the_span_do_not_match()
    {
        var text = "a" + new string('-', FuzzyMatch.Span) + "b";

        FuzzyMatch.Matches(text, "ab").Should().BeFalse();
        FuzzyMatch.Matches("a" + new string('-', FuzzyMatch.Span - 2) + "b", "ab").Should().BeTrue();
    }

    [Test]
    public void The_marks_are_the_substring_or_else_the_matched_letters()
    {
        var marks = new bool[14];
        FuzzyMatch.Mark("payments-debug", "ment", marks).Should().BeTrue();
        new string(marks.Select(m => m ? '^' : ' ').ToArray()).Should().Be("   ^^^^       ");

        marks = new bool[14];
        FuzzyMatch.Mark("payments-debug", "pdbg", marks).Should().BeTrue();
        new string(marks.Select(m => m ? '^' : ' ').ToArray()).Should().Be("^        ^ ^ ^");
    }

    [Test]
    public void The_filter_is_split_into_words_on_spaces() =>
        FuzzyMatch.Words("  stop   early ").Should().Equal("stop", "early");
}
