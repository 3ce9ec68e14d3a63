using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Log;

/// <summary><c>perstack log</c> over history written by this project's own <c>perstack run</c> (scripted LLM).</summary>
[Category(TestCategories.ChildProcess)]
public sealed class LogRuntimeHistoryTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task A_delegating_job_reads_back_event_for_event()
    {
        var run = await _workspace.RunAsync("run", "fake-coordinator", "Coordinate some work");
        run.ExitCode.Should().Be(0, run.Error);
        var jobId = RunWorkspace.JobIdOf(run);

        var log = await LogFixture.RunAsync(_workspace.Store, "--take", "0");
        var delegations = await LogFixture.RunAsync(_workspace.Store, "--job", jobId, "--delegations");
        var json = await LogFixture.RunAsync(_workspace.Store, "--job", jobId, "--json", "--take", "0");

        log.ExitCode.Should().Be(0, log.Error);
        log.OutputLines[0].Should().Be("(showing latest job)");
        log.OutputLines.Should().Contain($"Job: {jobId} (completed)").And.Contain("Expert: fake-coordinator")
            .And.Contain("  Query: \"Coordinate some work\"").And.Contain("  Delegate to: fake-worker");
        var printed = LogFixture.Events(log);
        printed.Should().Equal(RunWorkspace.Sequence(run).Select(s => s[..s.IndexOf('/', StringComparison.Ordinal)]),
            "the runs of the coordinator and its delegate interleave back into the order they ran");
        LogFixture.Events(delegations).Should().Equal("callDelegate@1", "stopRunByDelegate@1");
        using var document = JsonDocument.Parse(json.Output);
        var events = document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
        events.Should().Equal(run.OutputLines, "each logged event is the event the run printed and stored");
    }

    [Test]
    public async Task Retries_and_a_stop_by_error_are_found_with_errors()
    {
        _workspace.Server.Enqueue(ScriptedReply.Text("Hello! I am just chatting."));
        var retried = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        _workspace.Server.Enqueue(ScriptedReply.Status(500), ScriptedReply.Status(500), ScriptedReply.Status(500));
        var failed = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--max-retries", "2");
        retried.ExitCode.Should().Be(0, retried.Error);
        failed.ExitCode.Should().Be(0, failed.Error);

        var retry = await LogFixture.RunAsync(_workspace.Store, "--job", RunWorkspace.JobIdOf(retried), "--errors", "--summary");
        var stop = await LogFixture.RunAsync(_workspace.Store, "--errors");

        LogFixture.Events(retry).Should().Equal("retry@1");
        retry.OutputLines.Should().Contain("  Reason: {\"error\":\"Error: No tool call generated\",\"message\":\"You must generate a tool call. Try again.\"}")
            .And.Contain("  Errors: 1");
        stop.OutputLines.Should().Contain("(showing latest job)").And.Contain($"Job: {RunWorkspace.JobIdOf(failed)} (stoppedByError)");
        LogFixture.Events(stop).Should().Equal("stopRunByError@1");
        stop.OutputLines.Should().Contain(l => l.StartsWith("  Error: ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("  Message: ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("  Retryable: ", StringComparison.Ordinal));
    }
}
