using System.Text;
using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Work that would run away is bounded, end to end through <c>perstack run</c>: an expert delegating to itself (the
/// scripted LLM always delegates first) stops at <c>--max-steps</c> and at <c>maxDelegationDepth</c>, a delegation that
/// repeats an expert's query along its chain stops as a cycle, each stop leaves a job that continues, and a large
/// expert table is not copied into every run setting.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class RunawayTests : ReliabilityTest
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

    protected override string Family => "Runaway work";

    private static JsonElement Job(RunWorkspace workspace, ProcessResult result) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Store, "jobs", RunWorkspace.JobIdOf(result), "job.json"))).RootElement;

    private static JsonElement Last(ProcessResult result) => JsonDocument.Parse(result.OutputLines[^1]).RootElement;

    [Test]
    [CancelAfter(300_000)]
    public async Task A_self_delegating_expert_stops_at_max_steps_whatever_the_limit(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create(LoopToml);
        int[] limits = [1, 2, 3, 5, 8];
        foreach (var limit in limits)
        {
            int before = workspace.Server.Requests.Count;

            var result = await workspace.RunAsync("run", "loop", "go", "--max-steps", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-delegation-depth", "50");

            result.ExitCode.Should().Be(0, result.Error);
            var sequence = RunWorkspace.Sequence(result);
            sequence.Count(s => s.StartsWith("startRun@", StringComparison.Ordinal)).Should().Be(limit, $"--max-steps {limit}");
            sequence[^1].Should().Be($"stopRunByExceededMaxSteps@{limit}/loop");
            (workspace.Server.Requests.Count - before).Should().Be(limit, "one model call per step");
            Job(workspace, result).GetProperty("status").GetString().Should().Be("stoppedByMaxSteps");
        }

        Held("Self-delegating expert under --max-steps", limits.Length,
            "an expert delegating to itself at every step (before: 342 steps in 20 s under --max-steps 3) stops at exactly N steps and N model calls for N = 1, 2, 3, 5, 8, status stoppedByMaxSteps; the refused delegation answers \"was not run: the job reached its step limit\"");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task A_delegation_deeper_than_the_limit_stops_the_job_which_continues_with_a_deeper_one(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create("maxDelegationDepth = 2\n" + LoopToml);
        var cases = new (string[] Flags, int Depth)[] { ([], 2), (["--max-delegation-depth", "1"], 1), (["--max-delegation-depth", "4"], 4) };
        ProcessResult? shallow = null;
        foreach (var (flags, depth) in cases)
        {
            var result = await workspace.RunAsync(["run", "loop", "go", .. flags]);

            result.ExitCode.Should().Be(0, result.Error);
            var error = Last(result).GetProperty("error");
            error.GetProperty("name").GetString().Should().Be("DelegationDepthExceeded");
            error.GetProperty("message").GetString().Should().StartWith(
                $"Delegation depth limit reached: {string.Join(" → ", Enumerable.Repeat("loop", depth + 2))} would be {depth + 1} levels deep (maxDelegationDepth = {depth})");
            RunWorkspace.Sequence(result).Count(s => s.StartsWith("startRun@", StringComparison.Ordinal)).Should().Be(depth + 1);
            Job(workspace, result).GetProperty("status").GetString().Should().Be("stoppedByError");
            shallow ??= depth == 1 ? result : null;
        }

        // The delegate stopped at depth 1 continues, keeps its depth, and goes down to the deeper limit.
        var continued = await workspace.RunAsync("run", "loop", "go on", "--continue-job", RunWorkspace.JobIdOf(shallow!), "--max-delegation-depth", "3");
        continued.ExitCode.Should().Be(0, continued.Error);
        RunWorkspace.Sequence(continued).Count(s => s.StartsWith("startRun@", StringComparison.Ordinal)).Should().Be(3, "depths 1 to 3");
        Last(continued).GetProperty("error").GetProperty("message").GetString().Should().Contain("would be 4 levels deep (maxDelegationDepth = 3)");
        Held("Delegation deeper than maxDelegationDepth", cases.Length + 1,
            "a self-delegating expert without a step limit (before: 8,959 nesting levels and 408 MB in 10 minutes) stops at depth 2 (perstack.toml), 1 and 4 (flag) with stoppedByError DelegationDepthExceeded naming the chain; continued with a deeper limit, the stopped delegate keeps its depth and goes on");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Delegating_the_query_an_expert_of_the_chain_was_given_stops_as_a_cycle(CancellationToken cancellationToken)
    {
        var ring = LoopToml + """


            [experts."ring-a"]
            instruction = "Delegate to ring-b."
            delegates = ["ring-b"]
            [experts."ring-b"]
            instruction = "Delegate to ring-a."
            delegates = ["ring-a"]
            """;
        await using var workspace = RunWorkspace.Create(ring);

        // loop gives loop its own query; ring-a gives ring-b "same task", which ring-b hands back to ring-a.
        workspace.Server.Enqueue(ScriptedReply.ToolCall("loop", """{"query":"go"}"""));
        var self = await workspace.RunAsync("run", "loop", "go");
        workspace.Server.Enqueue(ScriptedReply.ToolCall("ring-b", """{"query":"same task"}"""), ScriptedReply.ToolCall("ring-a", """{"query":"same task"}"""));
        var pair = await workspace.RunAsync("run", "ring-a", "same task");

        foreach (var (result, chain, depth) in new[] { (self, "loop → loop", 0), (pair, "ring-a → ring-b → ring-a", 0) })
        {
            result.ExitCode.Should().Be(0, result.Error);
            var error = Last(result).GetProperty("error");
            error.GetProperty("name").GetString().Should().Be("DelegationCycle");
            error.GetProperty("message").GetString().Should().StartWith($"Delegation cycle: {chain} gives");
            error.GetProperty("message").GetString().Should().Contain($"the same query it was given at depth {depth}, so it cannot make progress");
        }

        Held("Delegation cycle that cannot make progress", 2,
            "an expert giving itself its own query, and a ring a → b → a handing the same query around, stop at the first repeat with stoppedByError DelegationCycle naming the chain");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task A_large_expert_table_is_not_copied_into_every_run_setting(CancellationToken cancellationToken)
    {
        var table = new StringBuilder(ConformanceToml.Text);
        for (int i = 0; i < 2_000; i++)
        {
            table.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\n[experts.\"other-{i}\"]\ndescription = \"An unrelated expert number {i} with a long enough description to weigh something.\"\ninstruction = \"Do task {i}.\"\ndelegates = [\"other-{(i + 1) % 2_000}\"]\n"));
        }

        await using var workspace = RunWorkspace.Create(table.ToString());

        var result = await workspace.RunAsync("run", "fake-coordinator", "Delegate this");

        result.ExitCode.Should().Be(0, result.Error);
        var settings = Directory.GetFiles(Path.Combine(workspace.Store, "jobs", RunWorkspace.JobIdOf(result), "runs"), "run-setting.json", SearchOption.AllDirectories);
        settings.Should().HaveCount(3, "the coordinator, the worker and the coordinator resuming");
        foreach (var file in settings)
        {
            using var setting = JsonDocument.Parse(File.ReadAllText(file));
            var experts = setting.RootElement.GetProperty("experts").EnumerateObject().Select(p => p.Name).ToList();
            experts.Should().BeSubsetOf(["fake-coordinator", "fake-worker"]);
            new FileInfo(file).Length.Should().BeLessThan(8_000);
        }

        Held("Run settings of a 2,000-expert table", settings.Length,
            $"each of the {settings.Length} run settings of a delegation holds only the experts its run can reach (at most {settings.Max(f => new FileInfo(f).Length):N0} bytes; with the whole table each would hold 2,006 experts)");
    }
}
