using System.Text.Json;
using FluentAssertions;
using Perstack.App.Features.Log.Filters;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.Tests.App.Features.Log.Filters;

public sealed class EventFilterTests
{
    private static EventSummary Name(long step, string type) => new(JobId.Parse("j"), RunId.Parse("r"), 1000 + step, step, type);

    [Test]
    public void Step_and_types_both_apply_from_the_file_name()
    {
        StepFilter.TryParse(">=2", out var step, out _).Should().BeTrue();
        var filter = new EventFilter(step, new HashSet<string> { "callTools", "retry" }, null);

        filter.MatchesName(Name(2, "callTools")).Should().BeTrue();
        filter.MatchesName(Name(1, "callTools")).Should().BeFalse();
        filter.MatchesName(Name(2, "startRun")).Should().BeFalse();
        filter.NeedsContent.Should().BeFalse();
    }

    [Test]
    public void Only_a_filter_expression_needs_the_content()
    {
        FilterExpression.TryParse(".stepNumber > 1", out var expression, out _).Should().BeTrue();
        var filter = new EventFilter(null, null, expression);
        using var low = JsonDocument.Parse("""{"stepNumber":1}""");
        using var high = JsonDocument.Parse("""{"stepNumber":2}""");

        filter.NeedsContent.Should().BeTrue();
        filter.MatchesName(Name(9, "anything")).Should().BeTrue();
        filter.MatchesContent(low.RootElement).Should().BeFalse();
        filter.MatchesContent(high.RootElement).Should().BeTrue();
    }

    [Test]
    public void The_presets_name_the_reference_sets_and_every_type_is_known()
    {
        EventTypes.Errors.Should().BeEquivalentTo("stopRunByError", "retry");
        EventTypes.Tools.Should().BeEquivalentTo("callTools", "resolveToolResults", "callInteractiveTool");
        EventTypes.Delegations.Should().BeEquivalentTo("callDelegate", "stopRunByDelegate");
        EventTypes.Known.Should().HaveCount(24).And.Contain(EventTypes.Errors).And.Contain(EventTypes.Tools).And.Contain(EventTypes.Delegations)
            .And.Contain(["startRun", "completeRun", "stopRunByExceededMaxSteps"]);
    }
}
