using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.TestKit.Tui;

namespace Perstack.Tests.Core.Runtime;

/// <summary>
/// A live listener (the TUI) makes model calls stream; what is stored must not change, faults included: the same
/// events, tool calls, texts and usage as an unstreamed run, and the same retries and timeouts.
/// </summary>
public sealed class LiveStreamTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    private sealed class Recorder(bool live) : IRunEventSink, ILiveStreamSink
    {
        public List<LiveStreamEvent> Live { get; } = [];

        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public void OnLiveStream(LiveStreamEvent liveEvent)
        {
            live.Should().BeTrue("a sink that is not live is never handed live events");
            Live.Add(liveEvent);
        }
    }

    /// <summary>A sink that only stores (as perstack run's is) must not stream.</summary>
    private sealed class PlainSink : IRunEventSink
    {
        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    /// <summary>Runs the expert in its own store; returns what was stored, as comparable text, and the final checkpoint.</summary>
    private async Task<(List<string> Stored, Checkpoint Final, int Requests, bool Streamed)> RunAsync(string name, IRunEventSink sink, RunOverrides? overrides = null)
    {
        var stores = new Stores(Path.Combine(_workspace.Directory, name));
        var before = _workspace.Server.Requests.Count;
        var launcher = RunLaunchers.For(
            stores,
            (overrides ?? new RunOverrides { WorkingDirectory = _workspace.Directory }) with { WorkingDirectory = _workspace.Directory },
            () => new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey });
        var final = await launcher.RunAsync(new RunSelection("fake-basic", "Say hello", null), sink, CancellationToken.None);
        var stored = new List<string>();
        foreach (var runId in await stores.Events.ListRunsAsync(final.JobId))
        {
            foreach (var summary in (await stores.Events.ListAsync(final.JobId, runId)).Items)
            {
                var e = (await stores.Events.GetAsync(summary))!;
                stored.Add(e switch
                {
                    CallToolsEvent c => $"callTools@{e.StepNumber} {string.Join(",", c.ToolCalls.Select(t => t.ToolName + t.Args.GetRawText()))} {c.Usage.TotalTokens}",
                    CompleteRunEvent c => $"completeRun@{e.StepNumber} {c.Text} {c.Usage.TotalTokens}",
                    RetryEvent r => $"retry@{e.StepNumber} {r.Reason}",
                    StopRunByErrorEvent s => $"stopRunByError@{e.StepNumber} {s.Error.Name}",
                    _ => $"{e.Type}@{e.StepNumber}",
                });
            }
        }

        var requests = _workspace.Server.Requests.Skip(before).ToList();
        return (stored, final, requests.Count, requests.Any(r => r.Json?["stream"]?.GetValue<bool>() == true));
    }

    [Test]
    public async Task A_live_run_streams_the_result_text_and_stores_exactly_what_an_unstreamed_run_stores()
    {
        var plain = await RunAsync("plain", new PlainSink());
        var recorder = new Recorder(live: true);
        var live = await RunAsync("live", recorder);

        plain.Streamed.Should().BeFalse("perstack run's sinks do not listen live");
        live.Streamed.Should().BeTrue();
        live.Stored.Should().Equal(plain.Stored);
        live.Final.Usage.Should().Be(plain.Final.Usage);
        recorder.Live.Select(e => e.Kind).Should().StartWith([LiveStreamKind.StartStreamingRunResult, LiveStreamKind.StreamRunResult]).And.EndWith(LiveStreamKind.CompleteStreamingRunResult);
        var completed = recorder.Live[^1].Text;
        string.Concat(recorder.Live.Where(e => e.Kind == LiveStreamKind.StreamRunResult).Select(e => e.Text)).Should().Be(completed);
        live.Stored[^1].Should().StartWith($"completeRun@2 {completed} ");
    }

    [Test]
    public async Task A_live_run_stores_each_thinking_block_whole_with_its_signature_as_an_unstreamed_run_does()
    {
        _workspace.Server.Thinking = "Consider the greeting, then complete.";
        _workspace.Server.RedactedThinking = "cmVkYWN0ZWQ=";
        var reasoning = new RunOverrides { WorkingDirectory = _workspace.Directory, ReasoningBudget = ReasoningBudget.Default };

        var plain = await RunAsync("plain", new PlainSink(), reasoning);
        var live = await RunAsync("live", new Recorder(live: true), reasoning);

        static List<string> Thinking(Checkpoint checkpoint) => [.. checkpoint.Messages.OfType<ExpertMessage>().SelectMany(m => m.Contents).OfType<ThinkingPart>()
            .Select(t => $"{t.Thinking}|{(string.IsNullOrEmpty(t.Signature) ? "unsigned" : "signed")}|{t.RedactedData}")];
        live.Streamed.Should().BeTrue();
        Thinking(plain.Final).Should().HaveCount(6).And.Contain("Consider the greeting, then complete.|signed|").And.Contain("|unsigned|cmVkYWN0ZWQ=");
        Thinking(live.Final).Should().Equal(Thinking(plain.Final));
    }

    private static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData("a 500 then success", (Func<ScriptedReply[]>)(() => [ScriptedReply.Status(500)]), 3);
        yield return new TestCaseData("a 429 twice then success", (Func<ScriptedReply[]>)(() => [ScriptedReply.Status(429), ScriptedReply.Status(429)]), 3);
        yield return new TestCaseData("a hang past the timeout", (Func<ScriptedReply[]>)(() => [ScriptedReply.Hang(TimeSpan.FromSeconds(30))]), 3);
        yield return new TestCaseData("a slow drip past the timeout", (Func<ScriptedReply[]>)(() => [ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(300))]), 3);
        yield return new TestCaseData("malformed output", (Func<ScriptedReply[]>)(() => [ScriptedReply.MalformedJson()]), 3);
        yield return new TestCaseData("retries exhausted", (Func<ScriptedReply[]>)(() => [ScriptedReply.Status(500), ScriptedReply.Status(500), ScriptedReply.Status(500), ScriptedReply.Status(500)]), 3);
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Faults_are_retried_and_stored_the_same_when_streaming(string fault, Func<ScriptedReply[]> replies, int maxRetries)
    {
        var limits = new RunOverrides { WorkingDirectory = _workspace.Directory, Timeout = 1000, MaxRetries = maxRetries };

        _workspace.Server.Enqueue(replies());
        var plain = await RunAsync("plain", new PlainSink(), limits);
        _workspace.Server.Enqueue(replies());
        var live = await RunAsync("live", new Recorder(live: true), limits);

        live.Stored.Should().Equal(plain.Stored, fault);
        live.Requests.Should().Be(plain.Requests, "each fault costs the same attempts either way ({0})", fault);
        live.Final.Status.Should().Be(plain.Final.Status);
    }
}
