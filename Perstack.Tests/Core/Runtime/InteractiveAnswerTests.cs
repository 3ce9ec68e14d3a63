using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Runtime;

namespace Perstack.Tests.Core.Runtime;

public sealed class InteractiveAnswerTests
{
    private static readonly JsonElement NoArgs = JsonDocument.Parse("{}").RootElement;

    private static ToolCall Call(string id, string skill, string tool) => new() { Id = id, SkillName = skill, ToolName = tool, Args = NoArgs };

    /// <summary>A step whose reply mixed an MCP call (answered) with an interactive call (pending), MCP first as stored.</summary>
    private static Checkpoint MixedStop(CheckpointStatus status = CheckpointStatus.StoppedByInteractiveTool) => new()
    {
        Id = CheckpointId.New(),
        JobId = JobId.New(),
        RunId = RunId.New(),
        Status = status,
        StepNumber = 1,
        Expert = new ExpertRef { Key = "e", Name = "e", Version = "1.0.0" },
        Usage = Usage.Empty,
        Messages =
        [
            new ExpertMessage
            {
                Id = "m1",
                Contents =
                [
                    new ToolCallPart { Id = "p1", ToolCallId = "toolu_mcp", ToolName = "search", Args = NoArgs },
                    new ToolCallPart { Id = "p2", ToolCallId = "toolu_ask", ToolName = "askUser", Args = NoArgs },
                ],
            },
        ],
        PendingToolCalls = [Call("toolu_ask", "user-input", "askUser")],
        PartialToolResults = [new ToolResult { Id = "toolu_mcp", SkillName = "web", ToolName = "search", Result = [] }],
    };

    [Test]
    public void The_answer_goes_to_the_pending_interactive_call_not_the_first_call_of_the_message()
    {
        var answer = InteractiveAnswer.Resolve(MixedStop(), "Yes");

        answer.ToolCallId.Should().Be("toolu_ask");
        answer.ToolName.Should().Be("askUser");
        answer.SkillName.Should().Be("user-input");
        answer.Text.Should().Be("Yes");
    }

    [Test]
    public void A_json_query_answers_a_named_pending_call()
    {
        var answer = InteractiveAnswer.Resolve(MixedStop(), """{"toolCallId":"toolu_ask","toolName":"askUser","text":"Blue"}""");

        answer.ToolCallId.Should().Be("toolu_ask");
        answer.Text.Should().Be("Blue");
    }

    [Test]
    public void A_json_query_naming_a_call_that_is_not_pending_is_refused()
    {
        FluentActions.Invoking(() => InteractiveAnswer.Resolve(MixedStop(), """{"toolCallId":"toolu_mcp","toolName":"search","text":"x"}"""))
            .Should().Throw<PerstackException>().WithMessage("Tool call toolu_mcp is not pending in checkpoint *");
    }

    [Test]
    public void A_checkpoint_that_is_not_waiting_for_an_answer_is_refused()
    {
        FluentActions.Invoking(() => InteractiveAnswer.Resolve(MixedStop(CheckpointStatus.Completed), "Yes"))
            .Should().Throw<PerstackException>().WithMessage("Checkpoint * is not waiting for an interactive answer");
    }
}
