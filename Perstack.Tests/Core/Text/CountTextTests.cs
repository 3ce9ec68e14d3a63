using FluentAssertions;
using Perstack.App.Presentation;
using Perstack.Core.Text;

namespace Perstack.Tests.Core.Text;

/// <summary>Counts read as English: "1 job", "0 jobs", "2 jobs".</summary>
public sealed class CountTextTests
{
    [TestCase(0, "0 jobs")]
    [TestCase(1, "1 job")]
    [TestCase(2, "2 jobs")]
    [TestCase(10_000, "10000 jobs")]
    public void A_count_takes_the_singular_only_for_one(long count, string expected)
    {
        CountText.Of(count, "job").Should().Be(expected);
    }

    [Test]
    public void The_times_ago_use_it_too()
    {
        const long Day = 86_400_000;
        TimeFormat.Ago(0, 31 * Day).Should().Be("1 month ago");
        TimeFormat.Ago(0, 61 * Day).Should().Be("2 months ago");
        TimeFormat.Ago(0, 366 * Day).Should().Be("1 year ago");
    }
}
