using FluentAssertions;
using Perstack.App.Features.Log.Filters;

namespace Perstack.Tests.App.Features.Log.Filters;

public sealed class StepFilterTests
{
    [TestCase("5", 5, 5)]
    [TestCase(" 5 ", 5, 5)]
    [TestCase(">5", 6, long.MaxValue)]
    [TestCase(">=5", 5, long.MaxValue)]
    [TestCase("<5", long.MinValue, 4)]
    [TestCase("<=5", long.MinValue, 5)]
    [TestCase("1-10", 1, 10)]
    [TestCase("7-7", 7, 7)]
    [TestCase("0", 0, 0)]
    public void Parses_each_form_into_an_inclusive_range(string text, long min, long max)
    {
        StepFilter.TryParse(text, out var filter, out _).Should().BeTrue();

        filter.Should().Be(new StepFilter(min, max));
    }

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("-5")]
    [TestCase("5-")]
    [TestCase("1-2-3")]
    [TestCase("=>5")]
    [TestCase(">")]
    [TestCase(">=-1")]
    [TestCase("1.5")]
    [TestCase("5 - 6")]
    [TestCase("99999999999999999999")]
    public void Refuses_anything_else_naming_the_value(string text)
    {
        StepFilter.TryParse(text, out _, out var error).Should().BeFalse();

        error.Should().Be($"Invalid step filter: {text}");
    }

    [Test]
    public void Refuses_a_range_that_ends_before_it_starts()
    {
        StepFilter.TryParse("10-5", out _, out var error).Should().BeFalse();

        error.Should().StartWith("Invalid step filter: 10-5 (");
    }

    [Test]
    public void Matches_the_bounds_inclusively()
    {
        StepFilter.TryParse("2-4", out var range, out _).Should().BeTrue();
        StepFilter.TryParse(">3", out var above, out _).Should().BeTrue();
        StepFilter.TryParse("<3", out var below, out _).Should().BeTrue();

        Enumerable.Range(0, 7).Where(s => range.Matches(s)).Should().Equal(2, 3, 4);
        Enumerable.Range(0, 7).Where(s => above.Matches(s)).Should().Equal(4, 5, 6);
        Enumerable.Range(0, 7).Where(s => below.Matches(s)).Should().Equal(0, 1, 2);
    }
}
