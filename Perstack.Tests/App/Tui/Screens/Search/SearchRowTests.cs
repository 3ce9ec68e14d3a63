using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Search;
using Perstack.Core.Domain;
using Perstack.Core.Search;

namespace Perstack.Tests.App.Tui.Screens.Search;

/// <summary>A hit's line is cut a little before the match, counted in columns, so the match is on screen.</summary>
public sealed class SearchRowTests
{
    [TestCase("The payment service failed at midnight because the retry budget ran out; the payments-debug job", "payments-debug")]
    [TestCase("決済サービスが深夜に失敗しました。再試行の予算が尽きたためです。原因を調べるために支払いのデバッグを行います", "支払い")]
    [TestCase("🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 then the word found", "found")]
    public void The_match_starts_at_most_24_columns_into_the_excerpt(string line, string term)
    {
        var hit = Hit(line, line.IndexOf(term, StringComparison.Ordinal), term.Length);

        var excerpt = SearchRow.Excerpt(hit);

        excerpt.Should().StartWith("…").And.Contain(term);
        TextWidth.Of(excerpt.AsSpan(0, excerpt.IndexOf(term, StringComparison.Ordinal))).Should().BeLessThanOrEqualTo(1 + 24);
    }

    [Test]
    public void A_match_near_the_start_keeps_the_whole_line()
    {
        SearchRow.Excerpt(Hit("支払いのデバッグ", 0, 3)).Should().Be("支払いのデバッグ");
    }

    private static SearchHit Hit(string line, int start, int length) => new()
    {
        JobId = JobId.Parse("job-search-0001"),
        ExpertKey = "writer",
        LastActivityAt = 0,
        CheckpointId = CheckpointId.Parse("cp-search-0001"),
        StepNumber = 1,
        Line = line,
        MatchStart = start,
        MatchLength = length,
        Score = 1,
    };
}
