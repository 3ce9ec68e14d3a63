using FluentAssertions;

namespace Perstack.Tests.Skills.Base;

/// <summary><c>think</c>: records thoughts and reports the count (and the flag only when given).</summary>
[TestFixture]
public sealed class ThinkToolTests
{
    [Test]
    public async Task Each_thought_is_counted_and_the_flag_is_echoed()
    {
        using var h = new SkillHarness();

        var first = await h.CallAsync("think", SkillHarness.Args(("thought", "step 1"), ("nextThoughtNeeded", true)));
        var second = await h.CallAsync("think", SkillHarness.Args(("thought", "step 2"), ("nextThoughtNeeded", false)));

        first.GetRawText().Should().Be("""{"nextThoughtNeeded":true,"thoughtHistoryLength":1}""");
        second.GetRawText().Should().Be("""{"nextThoughtNeeded":false,"thoughtHistoryLength":2}""");
    }

    [Test]
    public async Task Without_the_flag_only_the_count_is_returned()
    {
        using var h = new SkillHarness();

        (await h.CallAsync("think", SkillHarness.Args(("thought", "hmm")))).GetRawText().Should().Be("""{"thoughtHistoryLength":1}""");
    }

    [Test]
    public async Task A_missing_thought_is_an_error_result()
    {
        using var h = new SkillHarness();

        (await h.CallFailingAsync("think")).Should().Contain("\"thought\" is required");
    }
}
