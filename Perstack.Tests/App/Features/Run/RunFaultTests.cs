using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Run;

/// <summary>LLM failures: retried when transient, else a clean <c>stoppedByError</c> stop; the job is always resumable.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunFaultTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    private JsonElement Job(string jobId) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Store, "jobs", jobId, "job.json"))).RootElement;

    private static JsonElement LastEvent(ProcessResult result) => JsonDocument.Parse(result.OutputLines[^1]).RootElement;

    private async Task ExpectResumableAsync(string jobId)
    {
        var resumed = await _workspace.RunAsync("run", "fake-basic", "Try again", "--continue-job", jobId);
        resumed.ExitCode.Should().Be(0, resumed.Error);
        RunWorkspace.Sequence(resumed)[^1].Should().StartWith("completeRun@");
        Job(jobId).GetProperty("status").GetString().Should().Be("completed");
    }

    [Test]
    public async Task A_500_then_200_is_retried_and_the_run_completes()
    {
        _workspace.Server.Enqueue(ScriptedReply.Status(500));

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result)[^1].Should().Be("completeRun@2/fake-basic");
        _workspace.Server.Requests.Should().HaveCount(4, "3 calls of a 2-step run plus one retry");
    }

    [Test]
    public async Task Persistent_500s_stop_the_run_by_error_after_max_retries()
    {
        _workspace.Server.Enqueue(ScriptedReply.Status(500), ScriptedReply.Status(500), ScriptedReply.Status(500));

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--max-retries", "2");

        result.ExitCode.Should().Be(0, result.Error);
        _workspace.Server.Requests.Should().HaveCount(3, "one call and two retries, then no more");
        var last = LastEvent(result);
        last.GetProperty("type").GetString().Should().Be("stopRunByError");
        last.GetProperty("checkpoint").GetProperty("status").GetString().Should().Be("stoppedByError");
        last.GetProperty("error").GetProperty("statusCode").GetInt32().Should().Be(500);
        var jobId = RunWorkspace.JobIdOf(result);
        Job(jobId).GetProperty("status").GetString().Should().Be("stoppedByError");
        Job(jobId).TryGetProperty("finishedAt", out _).Should().BeTrue();
        await ExpectResumableAsync(jobId);
    }

    [Test]
    public async Task A_hang_past_the_timeout_is_retried_then_stops_by_error()
    {
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(30)), ScriptedReply.Hang(TimeSpan.FromSeconds(30)));
        var clock = Stopwatch.StartNew();

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--timeout", "700", "--max-retries", "1");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the timeout bounds each attempt");
        result.ExitCode.Should().Be(0, result.Error);
        var last = LastEvent(result);
        last.GetProperty("type").GetString().Should().Be("stopRunByError");
        last.GetProperty("error").GetProperty("name").GetString().Should().Be("TimeoutError");
        await ExpectResumableAsync(RunWorkspace.JobIdOf(result));
    }

    [Test]
    public async Task Malformed_json_stops_by_error_without_endless_retries()
    {
        _workspace.Server.Enqueue(ScriptedReply.MalformedJson());

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--max-retries", "2");

        result.ExitCode.Should().Be(0, result.Error);
        LastEvent(result).GetProperty("type").GetString().Should().Be("stopRunByError");
        LastEvent(result).GetProperty("error").GetProperty("isRetryable").GetBoolean().Should().BeFalse();
        _workspace.Server.Requests.Should().HaveCount(1, "a malformed reply is not retried");
        await ExpectResumableAsync(RunWorkspace.JobIdOf(result));
    }

    [Test]
    public async Task A_reply_without_a_tool_call_is_retried_with_a_reminder()
    {
        _workspace.Server.Enqueue(ScriptedReply.Text("Hello! I am just chatting."));

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(0, result.Error);
        var sequence = RunWorkspace.Sequence(result);
        sequence.Should().StartWith(["startRun@1/fake-basic", "startGeneration@1/fake-basic", "retry@1/fake-basic", "continueToNextStep@1/fake-basic"]);
        sequence[^1].Should().Be("completeRun@3/fake-basic");
        var retry = JsonDocument.Parse(result.OutputLines[2]).RootElement;
        retry.GetProperty("reason").GetString().Should().Be("{\"error\":\"Error: No tool call generated\",\"message\":\"You must generate a tool call. Try again.\"}");
    }

    [Test]
    public async Task Replies_without_tool_calls_are_bounded_by_max_retries()
    {
        _workspace.Server.Enqueue(ScriptedReply.Text("a"), ScriptedReply.Text("b"), ScriptedReply.Text("c"));

        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--max-retries", "1");

        result.ExitCode.Should().Be(0, result.Error);
        var last = LastEvent(result);
        last.GetProperty("type").GetString().Should().Be("stopRunByError");
        last.GetProperty("error").GetProperty("name").GetString().Should().Be("MaxRetriesExceeded");
        RunWorkspace.Sequence(result).Count(s => s.StartsWith("retry@", StringComparison.Ordinal)).Should().Be(1);
        await ExpectResumableAsync(RunWorkspace.JobIdOf(result));
    }
}
