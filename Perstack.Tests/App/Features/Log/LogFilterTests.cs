using FluentAssertions;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Log;

/// <summary><c>perstack log</c>'s filters, presets, paging and summary over the TypeScript runtime's history.</summary>
public sealed class LogFilterTests : FixtureCopyTests
{
    // fake-writer: startRun@1; for steps 1-4 startGeneration, callTools, resolveToolResults, finishToolCall,
    // continueToNextStep; then startGeneration@5, callTools@5, attemptCompletion@5, completeRun@5 (25 events).
    // Tools by step: todo, writeTextFile, attemptCompletion (refused), todo, attemptCompletion.
    private const string Writer = "zx1gh1dxk13tzk3lx8vtxyt9";
    [TestCase("3", new[] { 3 })]
    [TestCase(">3", new[] { 4, 5 })]
    [TestCase(">=4", new[] { 4, 5 })]
    [TestCase("<2", new[] { 1 })]
    [TestCase("<=2", new[] { 1, 2 })]
    [TestCase("2-3", new[] { 2, 3 })]
    public async Task Step_keeps_the_events_of_those_steps(string step, int[] steps)
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--step", step, "--take", "0");

        result.ExitCode.Should().Be(0);
        Steps(result).Distinct().Should().Equal(steps);
    }

    [Test]
    public async Task Type_is_repeatable()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--type", "startRun", "--type", "completeRun");

        LogFixture.Events(result).Should().Equal("startRun@1", "completeRun@5");
    }

    [Test]
    public async Task The_tools_preset_keeps_tool_events()
    {
        var result = await LogFixture.RunAsync(Store, "--job", "gf13yre28vrnvqtt96gqls80", "--tools");

        LogFixture.Events(result).Should().Equal("callTools@1", "callInteractiveTool@1", "callTools@3", "resolveToolResults@3", "callTools@4");
    }

    [Test]
    public async Task The_delegations_preset_keeps_delegation_events_and_presets_combine_with_types()
    {
        var delegations = await LogFixture.RunAsync(Store, "--job", "r5fwacdzy063tewk7tqaxskw", "--delegations");
        var combined = await LogFixture.RunAsync(Store, "--job", "r5fwacdzy063tewk7tqaxskw", "--delegations", "--type", "startRun", "--step", "1");

        LogFixture.Events(delegations).Should().Equal("callDelegate@1", "stopRunByDelegate@1");
        LogFixture.Events(combined).Should().Equal("startRun@1", "callDelegate@1", "stopRunByDelegate@1");
    }

    [Test]
    public async Task The_errors_preset_on_a_history_without_errors_matches_nothing()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--errors", "--summary");

        result.ExitCode.Should().Be(0);
        LogFixture.Events(result).Should().BeEmpty();
        result.OutputLines.Should().Contain("(no matching events)").And.Contain("  Total Events: 0").And.NotContain(l => l.StartsWith("  Step Range", StringComparison.Ordinal));
    }

    [TestCase(".toolCalls[].toolName == \"writeTextFile\"", new[] { "callTools@2" })]
    [TestCase(".toolResults[].toolName == todo", new[] { "resolveToolResults@1", "resolveToolResults@4" })]
    [TestCase(".usage.inputTokens > 500", new[] { "callTools@5", "completeRun@5" })]
    [TestCase(".stepNumber >= 5", new[] { "startGeneration@5", "callTools@5", "attemptCompletion@5", "completeRun@5" })]
    public async Task Filter_matches_the_event_json(string expression, string[] expected)
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--filter", expression);

        result.ExitCode.Should().Be(0, result.Error);
        LogFixture.Events(result).Should().Equal(expected);
    }

    [Test]
    public async Task Take_defaults_to_100_and_zero_shows_all()
    {
        var byDefault = await LogFixture.RunAsync(Store, "--job", Writer);
        var all = await LogFixture.RunAsync(Store, "--job", Writer, "--take", "0");

        LogFixture.Events(byDefault).Should().HaveCount(25, "the default page of 100 holds all 25");
        LogFixture.Events(all).Should().HaveCount(25);
    }

    [Test]
    public async Task Take_and_offset_page_with_a_footer_saying_what_is_shown()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--type", "callTools", "--take", "2", "--offset", "1");

        LogFixture.Events(result).Should().Equal("callTools@2", "callTools@3");
        result.OutputLines[^2].Should().Be("(showing 2 of 5 matched events)");
        result.OutputLines[^1].Should().Be("Use --take and --offset to paginate, or --take 0 for all");
    }

    [Test]
    public async Task An_offset_past_the_matches_says_how_many_there_are()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--type", "callTools", "--offset", "5");

        LogFixture.Events(result).Should().BeEmpty();
        result.OutputLines[^1].Should().Be("(5 events available, use --offset to view)");
    }

    [Test]
    public async Task Context_adds_neighbours_and_the_footer_counts_them()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--type", "completeRun", "--type", "startRun", "--take", "1", "--context", "2");

        LogFixture.Events(result).Should().Equal("startRun@1", "startGeneration@1", "callTools@1");
        result.OutputLines.Should().Contain("(showing 1 of 2 matched events (+2 context))");
    }

    [Test]
    public async Task Summary_totals_every_matched_event_not_only_the_page()
    {
        var result = await LogFixture.RunAsync(Store, "--job", Writer, "--step", "2-5", "--take", "3", "--summary");

        var lines = result.OutputLines;
        lines.Skip(Array.IndexOf(lines, "Summary:")).Take(6).Should().Equal(
            "Summary:", "  Total Events: 19", "  Errors: 0", "  Tool Calls: 7", "  Delegations: 0", "  Step Range: 2 - 5");
    }

    private static IEnumerable<int> Steps(Perstack.TestKit.Processes.CliResult result) =>
        LogFixture.Events(result).Select(e => int.Parse(e[(e.IndexOf('@', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
