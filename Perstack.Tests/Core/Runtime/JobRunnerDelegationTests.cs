using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;

namespace Perstack.Tests.Core.Runtime;

/// <summary>Several delegate calls in one reply run in parallel; the parent resumes once all have answered.</summary>
public sealed class JobRunnerDelegationTests
{
    private RuntimeHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new RuntimeHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    private RuntimeHarness.RecordingSink Sink => _harness.Sink;

    private static Expert Expert(string key, string instruction, params string[] delegates) =>
        TestExperts.Create(key, instruction, ["attemptCompletion"], delegates);

    private static readonly Dictionary<string, Expert> Experts = new[]
    {
        Expert("coord", "COORD: delegate to both workers", "worker-a", "worker-b"),
        Expert("worker-a", "WORKER-A: answer"),
        Expert("worker-b", "WORKER-B: answer"),
    }.ToDictionary(e => e.Key);

    private Task<Checkpoint> RunAsync(IChatClient chat) => _harness.RunAsync(_harness.Request(Experts, "coord", "Do both"), chat);

    /// <summary>Workers wait until both are in flight (or 10 s pass), so a sequential runtime would be caught.</summary>
    private static ExpertChatClient TwoWorkers(TaskCompletionSource bothStarted, Func<string, ChatResponse>? workerReply = null)
    {
        int started = 0;
        return new ExpertChatClient(async (system, messages, options, cancellationToken) =>
        {
            bool isCoordinator = system.Contains("COORD:", StringComparison.Ordinal);
            if (options?.Tools is null)
            {
                return ExpertChatClient.Text(isCoordinator ? "both done" : system.Contains("WORKER-A", StringComparison.Ordinal) ? "answer A" : "answer B");
            }

            if (isCoordinator)
            {
                return ExpertChatClient.HasToolResults(messages)
                    ? ExpertChatClient.Calls(("attemptCompletion", null!))
                    : ExpertChatClient.Calls(("worker-a", "part A"), ("worker-b", "part B"));
            }

            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.TrySetResult();
            }

            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return workerReply?.Invoke(system) ?? ExpertChatClient.Calls(("attemptCompletion", null!));
        });
    }

    [Test]
    public async Task Two_delegates_of_one_reply_run_at_the_same_time_and_the_parent_gets_both_answers()
    {
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var chat = TwoWorkers(bothStarted);

        var final = await RunAsync(chat);

        bothStarted.Task.IsCompletedSuccessfully.Should().BeTrue("both delegates were waiting for a reply at the same moment");
        chat.MaxInFlight.Should().BeGreaterThanOrEqualTo(2);
        final.Status.Should().Be(CheckpointStatus.Completed);
        final.Expert.Key.Should().Be("coord");
        var answers = final.Messages.OfType<ToolMessage>().SelectMany(m => m.Contents).OfType<ToolResultPart>()
            .Where(p => p.ToolName.StartsWith("worker", StringComparison.Ordinal))
            .ToDictionary(p => p.ToolName, p => p.Contents.OfType<TextPart>().Single().Text);
        answers.Should().BeEquivalentTo(new Dictionary<string, string> { ["worker-a"] = "answer A", ["worker-b"] = "answer B" });

        var children = Sink.RunEvents.OfType<StartRunEvent>().Where(e => e.ExpertKey != "coord").ToList();
        children.Select(e => e.StepNumber).Should().Equal(2, 2);
        children.Select(e => e.RunId).Distinct().Should().HaveCount(2, "each child has its own run");
        var resume = Sink.RunEvents.OfType<StartRunEvent>().Last(e => e.ExpertKey == "coord");
        resume.StepNumber.Should().Be(3, "the parent resumes after the furthest child");
    }

    [Test]
    public async Task Usage_is_the_parents_plus_what_each_child_spent_never_double_counted()
    {
        var final = await RunAsync(TwoWorkers(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));

        // coord makes 3 calls (delegate, attemptCompletion, final text), each worker 2: seven calls of 110 tokens.
        final.Usage.TotalTokens.Should().Be(7 * 110);
    }

    [Test]
    public async Task A_failing_delegate_returns_an_error_to_its_parent_and_the_job_completes()
    {
        var chat = TwoWorkers(
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            system => system.Contains("WORKER-B", StringComparison.Ordinal)
                ? throw new LlmCallFailedException("APICallError", "Max retries (5) exceeded: 500 Internal Server Error", 500, true, 6)
                : ExpertChatClient.Calls(("attemptCompletion", null!)));

        var final = await RunAsync(chat);

        final.Status.Should().Be(CheckpointStatus.Completed);
        var b = final.Messages.OfType<ToolMessage>().SelectMany(m => m.Contents).OfType<ToolResultPart>().Single(p => p.ToolName == "worker-b");
        b.Contents.OfType<TextPart>().Single().Text.Should().Be("Delegate \"worker-b\" failed: Max retries (5) exceeded: 500 Internal Server Error");
        Sink.RunEvents.OfType<StopRunByErrorEvent>().Should().ContainSingle().Which.ExpertKey.Should().Be("worker-b");
    }
}
