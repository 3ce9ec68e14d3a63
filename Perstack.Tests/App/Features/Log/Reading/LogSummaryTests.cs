using FluentAssertions;
using Perstack.App.Features.Log.Reading;

namespace Perstack.Tests.App.Features.Log.Reading;

public sealed class LogSummaryTests
{
    [Test]
    public void Counts_by_preset_and_tracks_the_step_range()
    {
        var summary = new LogSummary();
        summary.MinStep.Should().BeNull();

        summary.Add("startRun", 4);
        summary.Add("retry", 2);
        summary.Add("stopRunByError", 7);
        summary.Add("callTools", 3);
        summary.Add("resolveToolResults", 3);
        summary.Add("callInteractiveTool", 3);
        summary.Add("callDelegate", 5);

        summary.TotalEvents.Should().Be(7);
        summary.ErrorCount.Should().Be(2);
        summary.ToolCallCount.Should().Be(3);
        summary.DelegationCount.Should().Be(1);
        summary.MinStep.Should().Be(2);
        summary.MaxStep.Should().Be(7);
    }
}
