using System.Text.Json;
using FluentAssertions;
using Perstack.Tests.App.Helpers;

namespace Perstack.Tests.App.Cli.Run;

/// <summary>
/// An expert that delegates to itself (the scripted LLM always delegates first) is bounded end to end: by
/// <c>--max-steps</c>, by <c>maxDelegationDepth</c> (perstack.toml or the flag); the job stops and can be continued.
/// </summary>
public sealed class RunLimitsTests
{
    private const string LoopToml = ConformanceToml.Text + """


        [experts."loop"]
        instruction = "Delegate to loop, then call attemptCompletion."
        delegates = ["loop"]
        [experts."loop".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]
        """;

    private static JsonElement Job(RunWorkspace workspace, ProcessResult result) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Store, "jobs", RunWorkspace.JobIdOf(result), "job.json"))).RootElement;

    [Test]
    [CancelAfter(120_000)]
    public async Task Max_steps_stops_a_self_delegating_expert_at_the_limit()
    {
        await using var workspace = RunWorkspace.Create(LoopToml);

        var result = await workspace.RunAsync("run", "loop", "go", "--max-steps", "3");

        result.ExitCode.Should().Be(0, result.Error);
        var sequence = RunWorkspace.Sequence(result);
        sequence.Where(s => s.StartsWith("startRun@", StringComparison.Ordinal)).Should().Equal("startRun@1/loop", "startRun@2/loop", "startRun@3/loop");
        sequence[^1].Should().Be("stopRunByExceededMaxSteps@3/loop");
        workspace.Server.Requests.Should().HaveCount(3);
        var job = Job(workspace, result);
        job.GetProperty("status").GetString().Should().Be("stoppedByMaxSteps");
        job.GetProperty("totalSteps").GetInt64().Should().Be(3);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Max_delegation_depth_from_perstack_toml_or_the_flag_stops_the_job_with_a_clear_error()
    {
        await using var workspace = RunWorkspace.Create("maxDelegationDepth = 2\n" + LoopToml);

        var fromToml = await workspace.RunAsync("run", "loop", "go");
        var fromFlag = await workspace.RunAsync("run", "loop", "go", "--max-delegation-depth", "1");

        foreach (var (result, depth) in new[] { (fromToml, 2), (fromFlag, 1) })
        {
            result.ExitCode.Should().Be(0, result.Error);
            using var last = JsonDocument.Parse(result.OutputLines[^1]);
            last.RootElement.GetProperty("type").GetString().Should().Be("stopRunByError");
            var error = last.RootElement.GetProperty("error");
            error.GetProperty("name").GetString().Should().Be("DelegationDepthExceeded");
            error.GetProperty("message").GetString().Should().StartWith(
                $"Delegation depth limit reached: {string.Join(" → ", Enumerable.Repeat("loop", depth + 2))} would be {depth + 1} levels deep (maxDelegationDepth = {depth})");
            Job(workspace, result).GetProperty("status").GetString().Should().Be("stoppedByError");
        }

        // Continued with a deeper limit, the delegate at depth 1 goes on delegating down to the new limit.
        var continued = await workspace.RunAsync("run", "loop", "go on", "--continue-job", RunWorkspace.JobIdOf(fromFlag), "--max-delegation-depth", "4");
        continued.ExitCode.Should().Be(0, continued.Error);
        RunWorkspace.Sequence(continued).Count(s => s.StartsWith("startRun@", StringComparison.Ordinal)).Should().Be(4, "depths 1 to 4");
        using var stop = JsonDocument.Parse(continued.OutputLines[^1]);
        stop.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain("would be 5 levels deep (maxDelegationDepth = 4)");
    }
}
