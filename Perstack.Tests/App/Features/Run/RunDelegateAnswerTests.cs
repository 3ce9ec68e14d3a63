using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Run;

/// <summary>
/// Answering a delegation by hand (reference spec §1.5, Init with <c>stoppedByDelegate</c>): resuming from the checkpoint
/// that stopped to delegate, <c>-i "text"</c> is the delegate's answer and the parent goes on without running it.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunDelegateAnswerTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task The_answer_becomes_the_delegates_tool_result_and_the_parent_completes()
    {
        var (jobId, delegateStop) = await DelegatedJobAsync();

        var result = await _workspace.RunAsync("run", "fake-coordinator", "Answered by hand", "--continue-job", jobId, "--resume-from", delegateStop, "-i");

        result.ExitCode.Should().Be(0, result.Error);
        var sequence = RunWorkspace.Sequence(result);
        sequence.Should().OnlyContain(s => s.EndsWith("/fake-coordinator", StringComparison.Ordinal), "the delegate does not run");
        sequence[0].Should().StartWith("startRun@");
        sequence[^1].Should().StartWith("completeRun@");
        var toolResults = JsonDocument.Parse(result.OutputLines.First(l => l.Contains("\"type\":\"finishAllToolCalls\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("newMessages")[0].GetProperty("contents")[0];
        toolResults.GetProperty("contents")[0].GetProperty("text").GetString().Should().Be("Answered by hand");
    }

    [Test]
    public async Task Without_i_the_reference_words_come_with_what_to_do()
    {
        var (jobId, delegateStop) = await DelegatedJobAsync();

        var result = await _workspace.RunAsync("run", "fake-coordinator", "Some text", "--continue-job", jobId, "--resume-from", delegateStop);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith($"Interactive tool call result is undefined: checkpoint {delegateStop} stopped to delegate to fake-worker; ")
            .And.Contain("answer it with -i").And.Contain("--resume-from");
    }

    /// <summary>A finished delegation job and the id of its coordinator's <c>stoppedByDelegate</c> checkpoint.</summary>
    private async Task<(string JobId, string CheckpointId)> DelegatedJobAsync()
    {
        var first = await _workspace.RunAsync("run", "fake-coordinator", "Split the work");
        first.ExitCode.Should().Be(0, first.Error);
        var stop = JsonDocument.Parse(first.OutputLines.First(l => l.Contains("\"type\":\"stopRunByDelegate\"", StringComparison.Ordinal))).RootElement;
        return (RunWorkspace.JobIdOf(first), stop.GetProperty("checkpoint").GetProperty("id").GetString()!);
    }
}
