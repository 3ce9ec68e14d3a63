using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Run;

/// <summary>A delegate chain three levels deep, as the reference's e2e "delegate-chain" test runs it.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunDelegateChainTests
{
    private const string ChainToml = ConformanceToml.Text + """


        [experts."e2e-chain"]
        description = "Start of the chain"
        instruction = "Delegate to e2e-level1, then call attemptCompletion."
        delegates = ["e2e-level1"]
        [experts."e2e-chain".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."e2e-level1"]
        description = "Middle of the chain"
        instruction = "Delegate to e2e-level2, then call attemptCompletion."
        delegates = ["e2e-level2"]
        [experts."e2e-level1".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."e2e-level2"]
        description = "End of the chain"
        instruction = "Call attemptCompletion."
        [experts."e2e-level2".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]
        """;

    [Test]
    public async Task Three_levels_delegate_and_return_in_order_with_job_wide_steps()
    {
        await using var workspace = RunWorkspace.Create(ChainToml);

        var result = await workspace.RunAsync("run", "e2e-chain", "Test delegate chain: process this request through multiple levels");

        result.ExitCode.Should().Be(0, result.Error);
        var flow = RunWorkspace.Sequence(result)
            .Where(s => s.StartsWith("startRun@", StringComparison.Ordinal) || s.StartsWith("callDelegate@", StringComparison.Ordinal)
                || s.StartsWith("stopRunByDelegate@", StringComparison.Ordinal) || s.StartsWith("completeRun@", StringComparison.Ordinal))
            .Select(s => s.Split('@')[0] + ":" + s.Split('/')[1])
            .ToList();
        flow.Should().Equal(
            "startRun:e2e-chain", "callDelegate:e2e-chain", "stopRunByDelegate:e2e-chain",
            "startRun:e2e-level1", "callDelegate:e2e-level1", "stopRunByDelegate:e2e-level1",
            "startRun:e2e-level2", "completeRun:e2e-level2",
            "startRun:e2e-level1", "completeRun:e2e-level1",
            "startRun:e2e-chain", "completeRun:e2e-chain");
        RunWorkspace.Sequence(result).Should().NotContain(s => s.StartsWith("retry@", StringComparison.Ordinal));

        var last = JsonDocument.Parse(result.OutputLines[^1]).RootElement;
        var jobId = last.GetProperty("jobId").GetString()!;
        using var job = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(workspace.Store, "jobs", jobId, "job.json")));
        job.RootElement.GetProperty("totalSteps").GetInt64().Should().Be(last.GetProperty("stepNumber").GetInt64());
        job.RootElement.GetProperty("usage").GetProperty("totalTokens").GetInt64()
            .Should().Be(last.GetProperty("checkpoint").GetProperty("usage").GetProperty("totalTokens").GetInt64(), "job totals are the last checkpoint's");
    }
}
