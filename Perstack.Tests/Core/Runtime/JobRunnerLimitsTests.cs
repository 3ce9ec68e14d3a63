using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;

namespace Perstack.Tests.Core.Runtime;

/// <summary>
/// Nothing runs away: <c>maxSteps</c> counts every step of the job (delegates, self-delegation and parallel delegates
/// included), delegation stops at <c>maxDelegationDepth</c> and at a cycle that cannot make progress, and each stop
/// leaves a job that can be continued.
/// </summary>
public sealed class JobRunnerLimitsTests
{
    private RuntimeHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new RuntimeHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    private static readonly Dictionary<string, Expert> Loop = new[]
    {
        TestExperts.Create("loop", "LOOP: delegate to loop", ["attemptCompletion"], "loop"),
    }.ToDictionary(e => e.Key);

    /// <summary>Every tool call is a delegation to "loop" with <paramref name="nextQuery"/> of the query it was given.</summary>
    private static ExpertChatClient Delegating(Func<string, string> nextQuery, Action? onCall = null) => new((_, messages, options, _) =>
    {
        onCall?.Invoke();
        var query = messages.Last(m => m.Role == ChatRole.User && m.Contents.OfType<TextContent>().Any()).Text;
        return Task.FromResult(options?.Tools is null ? ExpertChatClient.Text("done")
            : ExpertChatClient.HasToolResults(messages) ? ExpertChatClient.Calls(("attemptCompletion", null!))
            : ExpertChatClient.Calls(("loop", nextQuery(query))));
    });

    /// <summary>Completes at once: attemptCompletion, then the final text.</summary>
    private static ExpertChatClient Completing() => new((_, _, options, _) =>
        Task.FromResult(options?.Tools is null ? ExpertChatClient.Text("finished") : ExpertChatClient.Calls(("attemptCompletion", null!))));

    [Test]
    [CancelAfter(30_000)]
    public async Task Max_steps_bound_a_job_whose_every_step_delegates_to_itself_and_it_can_be_continued(CancellationToken cancellationToken)
    {
        int calls = 0;
        var request = _harness.Request(Loop, "loop", "go") with { Limits = new RunLimits { MaxSteps = 3, MaxDelegationDepth = 1000 } };

        var final = await _harness.RunAsync(request, Delegating(q => q + "+", () => Interlocked.Increment(ref calls)), cancellationToken: cancellationToken);

        final.Status.Should().Be(CheckpointStatus.StoppedByExceededMaxSteps);
        final.StepNumber.Should().Be(3);
        calls.Should().Be(3, "one model call per step, three steps");
        _harness.Sink.RunEvents.OfType<StartRunEvent>().Should().HaveCount(3);
        var refused = final.Messages[^1].Should().BeOfType<ToolMessage>().Subject.Contents.OfType<ToolResultPart>().Single();
        refused.Contents.OfType<TextPart>().Single().Text.Should().Be("Delegate \"loop\" was not run: the job reached its step limit (maxSteps = 3)");
        (await _harness.Stores.Jobs.GetAsync(request.JobId, cancellationToken))!.Status.Should().Be(JobStatus.StoppedByMaxSteps);

        // Continued with room to finish, the innermost loop completes and every parent takes its answer and completes.
        var continued = await _harness.RunAsync(request with { ContinueFrom = final, Input = new RunInput { Text = "finish now" }, Limits = request.Limits with { MaxSteps = 20 } }, Completing(), cancellationToken: cancellationToken);
        continued.Status.Should().Be(CheckpointStatus.Completed);
        continued.DelegatedBy.Should().BeNull("the job's first expert completed last");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Parallel_delegates_each_count_their_steps_toward_max_steps(CancellationToken cancellationToken)
    {
        var experts = new[]
        {
            TestExperts.Create("coord", "COORD", ["attemptCompletion"], "w1", "w2", "w3"),
            TestExperts.Create("w1", "WORKER", ["think", "attemptCompletion"]),
            TestExperts.Create("w2", "WORKER", ["think", "attemptCompletion"]),
            TestExperts.Create("w3", "WORKER", ["think", "attemptCompletion"]),
        }.ToDictionary(e => e.Key);
        int calls = 0;
        var chat = new ExpertChatClient((system, messages, options, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(system.Contains("COORD", StringComparison.Ordinal)
                ? ExpertChatClient.Calls(("w1", "a"), ("w2", "b"), ("w3", "c"))
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], "think",
                    new Dictionary<string, object?> { ["thought"] = "again", ["nextThoughtNeeded"] = true })]))
                {
                    FinishReason = ChatFinishReason.ToolCalls,
                    Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 },
                });
        });

        var final = await _harness.RunAsync(_harness.Request(experts, "coord", "split it") with { Limits = new RunLimits { MaxSteps = 7 } }, chat, cancellationToken: cancellationToken);

        final.Status.Should().Be(CheckpointStatus.StoppedByExceededMaxSteps);
        calls.Should().Be(7, "the coordinator's step and six worker steps, whichever worker ran them");
        _harness.Sink.RunEvents.OfType<CallToolsEvent>().Should().HaveCount(7);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_delegation_deeper_than_max_delegation_depth_stops_the_job_which_can_be_continued(CancellationToken cancellationToken)
    {
        var request = _harness.Request(Loop, "loop", "go") with { Limits = new RunLimits { MaxDelegationDepth = 3 } };

        var final = await _harness.RunAsync(request, Delegating(q => q + "+"), cancellationToken: cancellationToken);

        final.Status.Should().Be(CheckpointStatus.StoppedByError);
        final.Error!.Name.Should().Be(DelegationStoppedException.DepthExceeded);
        final.Error.Message.Should().StartWith("Delegation depth limit reached: loop → loop → loop → loop → loop would be 4 levels deep (maxDelegationDepth = 3)");
        _harness.Sink.RunEvents.OfType<StartRunEvent>().Should().HaveCount(4, "depths 0 to 3 ran");
        final.Messages[^1].Should().BeOfType<UserMessage>("the refused delegation is not in the stored conversation, so it continues cleanly");
        (await _harness.Stores.Jobs.GetAsync(request.JobId, cancellationToken))!.Status.Should().Be(JobStatus.StoppedByError);

        var continued = await _harness.RunAsync(request with { ContinueFrom = final, Input = new RunInput { Text = "do it yourself" } }, Completing(), cancellationToken: cancellationToken);
        continued.Status.Should().Be(CheckpointStatus.Completed);
        continued.DelegatedBy.Should().BeNull();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_continued_delegate_keeps_its_depth(CancellationToken cancellationToken)
    {
        var request = _harness.Request(Loop, "loop", "go") with { Limits = new RunLimits { MaxDelegationDepth = 2 } };
        var stopped = await _harness.RunAsync(request, Delegating(q => q + "+"), cancellationToken: cancellationToken);
        stopped.Error!.Name.Should().Be(DelegationStoppedException.DepthExceeded);

        // Continuing at depth 2 with the same limit: one more delegation is still one too deep.
        var again = await _harness.RunAsync(request with { ContinueFrom = stopped, Input = new RunInput { Text = "try again" } }, Delegating(q => q + "!"), cancellationToken: cancellationToken);
        again.Error!.Name.Should().Be(DelegationStoppedException.DepthExceeded);
        again.Error.Message.Should().Contain("would be 3 levels deep");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Delegating_the_same_query_to_an_expert_of_the_chain_is_a_cycle_that_stops_the_job(CancellationToken cancellationToken)
    {
        var experts = new[]
        {
            TestExperts.Create("a", "ROLE-A", ["attemptCompletion"], "b"),
            TestExperts.Create("b", "ROLE-B", ["attemptCompletion"], "a"),
        }.ToDictionary(e => e.Key);

        // a gives b its own query; b gives a the query a was first given: a would start over exactly.
        var chat = new ExpertChatClient((system, messages, options, _) => Task.FromResult(
            ExpertChatClient.Calls((system.Contains("ROLE-A", StringComparison.Ordinal) ? "b" : "a", "fix the bug"))));
        var final = await _harness.RunAsync(_harness.Request(experts, "a", "fix the bug"), chat, cancellationToken: cancellationToken);

        final.Status.Should().Be(CheckpointStatus.StoppedByError);
        final.Error!.Name.Should().Be(DelegationStoppedException.Cycle);
        final.Error.Message.Should().Be(
            "Delegation cycle: a → b → a gives \"a\" the same query it was given at depth 0, so it cannot make progress. Continue the job with a query that changes the task");
        final.Expert.Key.Should().Be("b");
    }

    [Test]
    public async Task Each_run_setting_records_only_the_experts_its_run_can_reach()
    {
        var experts = new[]
        {
            TestExperts.Create("coord", "COORD", ["attemptCompletion"], "mid"),
            TestExperts.Create("mid", "MID", ["attemptCompletion"], "leaf"),
            TestExperts.Create("leaf", "LEAF", ["attemptCompletion"]),
            TestExperts.Create("unrelated", "OTHER", ["attemptCompletion"], "coord"),
        }.ToDictionary(e => e.Key);
        var chat = new ExpertChatClient((system, messages, options, _) => Task.FromResult(
            options?.Tools is null ? ExpertChatClient.Text("ok")
            : ExpertChatClient.HasToolResults(messages) || system.Contains("LEAF", StringComparison.Ordinal) ? ExpertChatClient.Calls(("attemptCompletion", null!))
            : ExpertChatClient.Calls((system.Contains("COORD", StringComparison.Ordinal) ? "mid" : "leaf", "work"))));
        var request = _harness.Request(experts, "coord", "go");

        (await _harness.RunAsync(request, chat)).Status.Should().Be(CheckpointStatus.Completed);

        var recorded = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var runId in _harness.Sink.RunEvents.Select(e => e.RunId).Distinct())
        {
            var setting = (await _harness.Stores.RunSettings.GetAsync(request.JobId, runId))!;
            recorded[setting.ExpertKey] = [.. setting.Experts.Keys];
        }

        recorded["coord"].Should().Equal("coord", "mid", "leaf");
        recorded["mid"].Should().Equal("mid", "leaf");
        recorded["leaf"].Should().Equal("leaf");
    }
}
