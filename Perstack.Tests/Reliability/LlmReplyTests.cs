using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Bad LLM replies from the scripted server (real HTTP, SSE): each run either recovers (retries) and completes, or
/// stops with <c>stopRunByError</c> carrying the reason — and the job is always resumable with <c>--continue-job</c>.
/// Complements Perstack.Tests/App/Features/Run/RunFaultTests (500s, hangs, malformed first reply, replies without a tool call).
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class LlmReplyTests : ReliabilityTest
{
    private static readonly string Enormous = new('e', 5 * 1024 * 1024);

    protected override string Family => "Bad input";

    /// <summary>(name, replies queued first, extra run options, expected last event or null for either).</summary>
    private static readonly (string Name, Func<ScriptedReply[]> Replies, string[] Options, string? Ends)[] Cases =
    [
        ("unknown tool name", () => [ScriptedReply.ToolCall("noSuchTool", """{"x":1}""")], [], null),
        ("tool args of the wrong type", () => [ScriptedReply.ToolCall("think", """{"thought":42}""")], [], null),
        ("tool args missing a required field", () => [ScriptedReply.ToolCall("think", "{}")], [], null),
        ("tool args with unknown fields", () => [ScriptedReply.ToolCall("think", """{"thought":"t","extra":{"deep":[1,2]}}""")], [], "completeRun"),
        ("enormous tool call (5 MB)", () => [ScriptedReply.ToolCall("think", JsonSerializer.Serialize(new Dictionary<string, string> { ["thought"] = Enormous }))], [], "completeRun"),
        ("enormous text reply (5 MB)", () => [ScriptedReply.Text(Enormous)], [], "completeRun"),
        ("429 with Retry-After, then OK", () => [ScriptedReply.Status(429, TimeSpan.FromSeconds(1))], [], "completeRun"),
        ("429 until retries run out", () => [ScriptedReply.Status(429, TimeSpan.FromMilliseconds(200)), ScriptedReply.Status(429, TimeSpan.FromMilliseconds(200)), ScriptedReply.Status(429, TimeSpan.FromMilliseconds(200))], ["--max-retries", "2"], "stopRunByError"),
        ("slow-drip stream", () => [ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(40))], [], "completeRun"),
        ("slow-drip past the timeout", () => [ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(600)), ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(600))], ["--timeout", "1500", "--max-retries", "1"], null),
        ("connection reset, then OK", () => [ScriptedReply.ConnectionReset()], [], "completeRun"),
        ("connection resets until retries run out", () => [ScriptedReply.ConnectionReset(), ScriptedReply.ConnectionReset(), ScriptedReply.ConnectionReset()], ["--max-retries", "2"], "stopRunByError"),
        ("malformed JSON at step 2", () => [ScriptedReply.Default(), ScriptedReply.MalformedJson()], [], "stopRunByError"),
        ("error body that is not JSON", () => [ScriptedReply.Status(503, body: "<html>upstream down</html>"), ScriptedReply.Status(400, body: "{\"nope\"")], ["--max-retries", "1"], "stopRunByError"),
    ];

    [Test]
    [CancelAfter(240_000)]
    public async Task Every_bad_reply_is_retried_or_stops_by_error_with_the_reason_and_the_job_resumes(CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(2);
        var outcomes = await Task.WhenAll(Cases.Select(async c =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await RunCaseAsync(c.Name, c.Replies(), c.Options, c.Ends);
            }
            finally
            {
                gate.Release();
            }
        }));

        Held("Bad LLM replies", Cases.Length,
            $"{Cases.Length} faults (unknown tool, bad tool args, 5 MB replies, 429 + Retry-After, slow drip, resets, malformed JSON, non-JSON error bodies): " +
            $"{outcomes.Count(o => o == "completeRun")} recovered and completed, {outcomes.Count(o => o == "stopRunByError")} stopped by error with the reason; every job then resumed with --continue-job and completed");
    }

    private static async Task<string> RunCaseAsync(string name, ScriptedReply[] replies, string[] options, string? ends)
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Enqueue(replies);

        var result = await workspace.RunAsync(["run", "fake-basic", "Say hello", .. options]);

        result.ExitCode.Should().Be(0, $"{name}: {result.Error}");
        result.Error.Should().NotContain("   at ", name);
        using var last = JsonDocument.Parse(result.OutputLines[^1]);
        var type = last.RootElement.GetProperty("type").GetString()!;
        type.Should().BeOneOf(["completeRun", "stopRunByError"], name);
        if (ends is not null)
        {
            type.Should().Be(ends, name);
        }

        if (type == "stopRunByError")
        {
            var error = last.RootElement.GetProperty("error");
            error.GetProperty("name").GetString().Should().NotBeNullOrEmpty(name);
            error.GetProperty("message").GetString().Should().NotBeNullOrEmpty(name);
        }

        var jobId = RunWorkspace.JobIdOf(result);
        var resumed = await workspace.RunAsync("run", "fake-basic", "Carry on", "--continue-job", jobId);
        resumed.ExitCode.Should().Be(0, $"{name}: {resumed.Error}");
        RunWorkspace.Sequence(resumed)[^1].Should().StartWith("completeRun@", name);
        return type;
    }
}
