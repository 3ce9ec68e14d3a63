using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;

namespace Perstack.Tests.Core.Runtime;

/// <summary>
/// Every tool call has a timeout (<c>toolTimeout</c>): a call that hangs ends in a tool error the model sees and the
/// run goes on; the call is told to stop, and one that listens ends then (no task left running); one that does not
/// listen still cannot hold the run. An <c>exec</c> with a longer timeout of its own keeps it.
/// </summary>
public sealed class ToolTimeoutTests
{
    private RuntimeHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new RuntimeHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    private static readonly Dictionary<string, Expert> Waiter = new[]
    {
        TestExperts.Create("waiter", "WAITER", ["exec", "attemptCompletion"]),
    }.ToDictionary(e => e.Key);

    /// <summary>Calls <paramref name="tool"/> first, then completes; records what the tool answered.</summary>
    private static ExpertChatClient CallThenComplete(string tool, Dictionary<string, object?> args, List<string> results) => new((_, messages, options, _) =>
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().FirstOrDefault();
        if (options?.Tools is null)
        {
            return Task.FromResult(ExpertChatClient.Text("done"));
        }

        if (result is null)
        {
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", tool, args)]))
            {
                FinishReason = ChatFinishReason.ToolCalls,
                Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 },
            });
        }

        lock (results)
        {
            if (results.Count == 0)
            {
                results.Add(result.Result?.ToString() ?? "");
            }
        }

        return Task.FromResult(ExpertChatClient.Calls(("attemptCompletion", null!)));
    });

    /// <summary>The base skill plus one in-process tool, <c>hang</c>, that never answers.</summary>
    private sealed class HangingSkills(string workspace, bool listens) : ISkillSetFactory
    {
        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<ISkillManager>> StartAsync(Expert expert, IReadOnlyList<Expert> delegates, SkillEventTarget? events = null, CancellationToken cancellationToken = default) =>
            [.. await new SkillSetFactory(new BaseSkillOptions(workspace)).StartAsync(expert, delegates, events, cancellationToken), new HangingSkill(this, listens)];

        private sealed class HangingSkill(HangingSkills owner, bool listens) : ISkillManager
        {
            public string Name => "hanging";

            public SkillKind Kind => SkillKind.Mcp;

            public Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default) =>
                Task.FromResult<IReadOnlyList<ToolDefinition>>([new ToolDefinition("hang", "Never answers", JsonDocument.Parse("""{"type":"object"}""").RootElement)]);

            public async Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, listens ? cancellationToken : CancellationToken.None);
                }
                finally
                {
                    owner.Stopped.TrySetResult();
                }

                return [];
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(30_000)]
    public async Task A_hanging_in_process_tool_ends_in_an_error_the_model_sees_and_the_run_completes(bool listens, CancellationToken cancellationToken)
    {
        var skills = new HangingSkills(_harness.Workspace, listens);
        var results = new List<string>();
        var clock = Stopwatch.StartNew();

        var final = await _harness.RunAsync(_harness.Request(Waiter, "waiter", "wait") with { Limits = new RunLimits { ToolTimeout = TimeSpan.FromMilliseconds(500) } },
            CallThenComplete("hang", [], results), skills, cancellationToken);

        final.Status.Should().Be(CheckpointStatus.Completed);
        results.Should().Equal("Error calling tool hang: the call did not finish within 500 ms (toolTimeout) and was stopped");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        skills.Stopped.Task.IsCompleted.Should().Be(listens, "a call that listens was told to stop and did; one that does not is left to itself");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_exec_with_a_longer_timeout_of_its_own_is_not_cut_by_the_tool_timeout(CancellationToken cancellationToken)
    {
        var results = new List<string>();
        var args = new Dictionary<string, object?>
        {
            ["command"] = "sh", ["args"] = JsonSerializer.SerializeToElement(new[] { "-c", "sleep 1; echo slept" }), ["env"] = JsonSerializer.SerializeToElement(new { }),
            ["cwd"] = ".", ["stdout"] = true, ["stderr"] = false, ["timeout"] = 10_000,
        };

        await _harness.RunAsync(_harness.Request(Waiter, "waiter", "wait") with { Limits = new RunLimits { ToolTimeout = TimeSpan.FromMilliseconds(300) } }, CallThenComplete("exec", args, results), cancellationToken: cancellationToken);

        results.Single().Should().Contain("slept");
    }
}
