using FluentAssertions;
using Perstack.App.Features.Log.Reading;

namespace Perstack.Tests.App.Features.Log.Reading;

public sealed class EventPagerTests
{
    /// <summary>Pushes 0..count-1 (matching where <paramref name="matches"/> says) and renders what came out: "5" a match, "(4)" context.</summary>
    private static (List<string> Out, EventPager<int> Pager) Run(int count, Func<int, bool> matches, long offset, long take, int context)
    {
        var pager = new EventPager<int>(offset, take, context);
        var output = new List<string>();
        for (int i = 0; i < count; i++)
        {
            output.AddRange(pager.Push(i, matches(i)).Select(p => p.IsContext ? $"({p.Item})" : $"{p.Item}"));
        }

        return (output, pager);
    }

    [Test]
    public void Take_and_offset_page_over_the_matches_only()
    {
        var (output, pager) = Run(20, i => i % 2 == 0, offset: 2, take: 3, context: 0);

        output.Should().Equal("4", "6", "8");
        pager.Matched.Should().Be(10, "every match is counted, also after the page");
        pager.Shown.Should().Be(3);
        pager.ContextShown.Should().Be(0);
    }

    [Test]
    public void Take_zero_means_all()
    {
        var (output, pager) = Run(6, _ => true, offset: 1, take: 0, context: 0);

        output.Should().Equal("1", "2", "3", "4", "5");
        pager.Done.Should().BeFalse();
    }

    [Test]
    public void Context_adds_neighbours_on_both_sides_once_each()
    {
        var (output, pager) = Run(12, i => i is 3 or 5 or 10, offset: 0, take: 0, context: 1);

        output.Should().Equal("(2)", "3", "(4)", "5", "(6)", "(9)", "10", "(11)");
        pager.ContextShown.Should().Be(5);
    }

    [Test]
    public void Context_includes_matches_outside_the_page_but_not_beyond_its_trailing_side()
    {
        var (output, pager) = Run(10, _ => true, offset: 3, take: 2, context: 2);

        output.Should().Equal("(1)", "(2)", "3", "4", "(5)", "(6)");
        pager.Matched.Should().Be(10);
        pager.Shown.Should().Be(2);
        pager.ContextShown.Should().Be(4);
        pager.Done.Should().BeTrue();
    }

    [Test]
    public void Context_at_the_start_of_the_stream_is_what_exists()
    {
        var (output, _) = Run(3, i => i == 0, offset: 0, take: 0, context: 5);

        output.Should().Equal("0", "(1)", "(2)");
    }

    [Test]
    public void Done_once_the_page_and_its_trailing_context_are_out()
    {
        var pager = new EventPager<int>(0, 1, 1);

        pager.Done.Should().BeFalse();
        pager.Push(0, matched: true);
        pager.Done.Should().BeFalse("one context item is still owed");
        pager.Push(1, matched: false).Should().ContainSingle().Which.Should().Be(new PagedItem<int>(1, IsContext: true));
        pager.Done.Should().BeTrue();
        pager.Push(2, matched: true).Should().BeEmpty();
        pager.Matched.Should().Be(2);
    }

    [Test]
    public void A_huge_context_does_not_preallocate()
    {
        var pager = new EventPager<int>(0, 1, int.MaxValue);

        pager.Push(0, matched: false).Should().BeEmpty();
        pager.Push(1, matched: true).Should().HaveCount(2);
    }
}
