using System.Text.Json;
using FluentAssertions;
using Perstack.App.Features.Log.Formatting;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Log.Formatting;

public sealed class EventTextTests
{
    private readonly List<LoggedEvent> _events = [];

    [TearDown]
    public void TearDown() => _events.ForEach(e => e.Dispose());

    private static T Typed<T>(string job, string fileEnd)
        where T : RunEvent
    {
        var path = Fixture.EventFiles().Single(f => f.Contains(job, StringComparison.Ordinal) && f.EndsWith(fileEnd, StringComparison.Ordinal));
        return (T)PerstackJson.TryDeserialize(File.ReadAllBytes(path), PerstackJson.RunEvent, out _)!;
    }

    /// <summary>The fixture file as stored.</summary>
    private LoggedEvent Stored(string job, string fileEnd)
    {
        var path = Fixture.EventFiles().Single(f => f.Contains(job, StringComparison.Ordinal) && f.EndsWith(fileEnd, StringComparison.Ordinal));
        return Keep(JsonDocument.Parse(File.ReadAllBytes(path)));
    }

    /// <summary>An event as this project writes it.</summary>
    private LoggedEvent Written(RunEvent runEvent) => Keep(JsonDocument.Parse(JsonSerializer.Serialize(runEvent, PerstackJson.RunEvent)));

    private LoggedEvent Keep(JsonDocument document)
    {
        var logged = new LoggedEvent(document);
        _events.Add(logged);
        return logged;
    }

    [Test]
    public void The_header_pads_the_type_to_24_and_shows_utc_time()
    {
        var start = Typed<StartRunEvent>("job-fixed-0001", "-1-startRun.json");

        EventText.Header(Stored("job-fixed-0001", "-1-startRun.json")).Should().Be("[Step 1] startRun                 00:14:56");
        EventText.Header(Written(start with { StepNumber = 12 })).Should().StartWith("[Step 12] startRun  ");
    }

    [Test]
    public void A_type_longer_than_the_column_is_still_separated_from_the_time()
    {
        EventText.Header(Stored("aajxt79vxz6vvwkfyltr74pc", "stopRunByExceededMaxSteps.json"))
            .Should().MatchRegex(@"^\[Step 1\] stopRunByExceededMaxSteps \d\d:\d\d:\d\d$");
    }

    [Test]
    public void Start_run_shows_the_query_cut_to_60_on_one_line()
    {
        var start = Typed<StartRunEvent>("job-fixed-0001", "-1-startRun.json");
        var longQuery = start with
        {
            InputMessages = [new UserMessage { Id = "u", Contents = [new TextPart { Id = "t", Text = new string('x', 58) + "\nyyyy" }] }],
        };

        EventText.Details(Stored("job-fixed-0001", "-1-startRun.json"), verbose: false).Should().Equal("  Query: \"Explicit ids\"");
        EventText.Details(Written(longQuery), verbose: false).Should().Equal($"  Query: \"{new string('x', 58)} y...\"");
    }

    [Test]
    public void Call_tools_lists_names_or_with_verbose_skill_and_arguments()
    {
        var call = Typed<CallToolsEvent>("zx1gh1dxk13tzk3lx8vtxyt9", "-2-callTools.json");
        var stored = Stored("zx1gh1dxk13tzk3lx8vtxyt9", "-2-callTools.json");

        EventText.Details(stored, verbose: false).Should().Equal($"  Tools: {call.ToolCalls[0].ToolName}");
        EventText.Details(stored, verbose: true).Should().Equal(
            $"  [{call.ToolCalls[0].SkillName}] {call.ToolCalls[0].ToolName}",
            $"    Args: {call.ToolCalls[0].Args.GetRawText()}");
    }

    [Test]
    public void Tool_results_are_marked_by_whether_their_text_is_an_error()
    {
        var resolved = Typed<ResolveToolResultsEvent>("zx1gh1dxk13tzk3lx8vtxyt9", "-1-resolveToolResults.json");
        var result = resolved.ToolResults[0];
        var mixed = resolved with
        {
            ToolResults =
            [
                result with { ToolName = "readTextFile", Result = [new TextPart { Id = "a", Text = "hello" }] },
                result with { ToolName = "exec", Result = [new TextPart { Id = "b", Text = "Error calling tool exec: " + new string('z', 50) }] },
            ],
        };

        EventText.Details(Written(mixed), verbose: false).Should().Equal(
            "  ✓ readTextFile: hello",
            $"  ✗ exec: Error calling tool exec: {new string('z', 15)}...");
    }

    [Test]
    public void Errors_retries_delegations_interactive_calls_and_results_have_their_line()
    {
        var complete = Typed<CompleteRunEvent>("job-fixed-0001", "completeRun.json");
        var error = new StopRunByErrorEvent
        {
            Id = "e", ExpertKey = "x", JobId = complete.JobId, RunId = complete.RunId, StepNumber = 2, Timestamp = complete.Timestamp,
            Checkpoint = complete.Checkpoint, Step = complete.Step,
            Error = new CheckpointError { Name = "APICallError", Message = "Internal Server Error", StatusCode = 500, IsRetryable = true },
        };
        var retry = new RetryEvent
        {
            Id = "r", ExpertKey = "x", JobId = complete.JobId, RunId = complete.RunId, StepNumber = 1, Timestamp = complete.Timestamp,
            Reason = "{\"error\":\"No tool call\"}", NewMessages = [], Usage = complete.Usage,
        };

        EventText.Details(Written(error), verbose: false).Should().Equal("  Error: APICallError", "  Message: Internal Server Error", "  Retryable: true");
        EventText.Details(Written(retry), verbose: false).Should().Equal("  Reason: {\"error\":\"No tool call\"}");
        EventText.Details(Stored("r5fwacdzy063tewk7tqaxskw", "callDelegate.json"), verbose: false).Should().Equal("  Delegate to: fake-worker");
        EventText.Details(Stored("r5fwacdzy063tewk7tqaxskw", "stopRunByDelegate.json"), verbose: false).Should().Equal("  Delegate to: fake-worker");
        EventText.Details(Stored("gf13yre28vrnvqtt96gqls80", "callInteractiveTool.json"), verbose: false).Should().Equal("  Interactive: askUser");
        EventText.Details(Written(complete with { Text = new string('r', 81) }), verbose: false).Should().Equal($"  Result: {new string('r', 80)}...");
        EventText.Details(Stored("job-fixed-0001", "-1-startGeneration.json"), verbose: false).Should().BeEmpty();
    }

    [Test]
    public void A_later_writer_s_tool_calls_array_on_a_delegation_is_read_too()
    {
        var later = Keep(JsonDocument.Parse("""
            {"type":"callDelegate","id":"d","stepNumber":1,"timestamp":1,
             "toolCalls":[{"toolName":"writer","args":{}},{"toolName":"reviewer","args":{}}]}
            """));

        EventText.Details(later, verbose: false).Should().Equal("  Delegate to: writer, reviewer");
    }
}
