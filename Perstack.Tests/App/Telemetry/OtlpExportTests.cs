using FluentAssertions;
using Perstack.TestKit.Otlp;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Telemetry;

/// <summary>
/// A real <c>perstack run</c> child process exporting to a real OTLP/HTTP receiver on 127.0.0.1: the span tree of a
/// delegation run (job → pass → step → model and tool calls, job → delegation → the delegate's passes), ids as
/// attributes, the metrics, and no prompt or tool content unless the user opts in.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class OtlpExportTests
{
    private static void ExportTo(RunWorkspace workspace, OtlpReceiver receiver)
    {
        workspace.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        workspace.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
    }

    private static OtlpSpan Single(IReadOnlyList<OtlpSpan> spans, string name)
    {
        spans.Where(s => s.Name == name).Should().ContainSingle($"one span is named {name}; got {string.Join(", ", spans.Select(s => s.Name))}");
        return spans.Single(s => s.Name == name);
    }

    private static OtlpSpan ParentOf(IReadOnlyList<OtlpSpan> spans, OtlpSpan span) => spans.Single(s => s.SpanId == span.ParentSpanId);

    [Test]
    [CancelAfter(120_000)]
    public async Task A_delegation_run_exports_a_span_per_job_pass_step_model_call_tool_call_and_delegation(CancellationToken cancellationToken)
    {
        await using var receiver = OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create();
        ExportTo(workspace, receiver);

        var run = await workspace.RunAsync("run", "fake-coordinator", "Delegate this");

        run.ExitCode.Should().Be(0, run.Error);
        var jobId = RunWorkspace.JobIdOf(run);
        var spans = receiver.Spans;
        spans.Select(s => s.TraceId).Distinct().Should().ContainSingle("the whole job is one trace");
        var job = Single(spans, "perstack.job fake-coordinator");
        job.ParentSpanId.Should().BeEmpty();
        job.Attribute("perstack.job.id").Should().Be(jobId);
        job.Attribute("perstack.checkpoint.status").Should().Be("completed");

        var delegation = Single(spans, "perstack.delegate fake-worker");
        delegation.ParentSpanId.Should().Be(job.SpanId);
        delegation.Attribute("perstack.job.id").Should().Be(jobId);
        var workerPass = Single(spans, "invoke_agent fake-worker");
        workerPass.ParentSpanId.Should().Be(delegation.SpanId);
        workerPass.Attribute("gen_ai.operation.name").Should().Be("invoke_agent");
        workerPass.Attribute("perstack.run.id").Should().NotBeNullOrEmpty();

        // The coordinator runs twice: before it delegates, and resumed with the answer.
        var coordinatorPasses = spans.Where(s => s.Name == "invoke_agent fake-coordinator").ToList();
        coordinatorPasses.Should().HaveCount(2).And.OnlyContain(p => p.ParentSpanId == job.SpanId);

        var think = Single(spans, "execute_tool think");
        think.Attribute("gen_ai.tool.name").Should().Be("think");
        think.Attribute("gen_ai.tool.call.id").Should().NotBeNullOrEmpty();
        var thinkStep = ParentOf(spans, think);
        thinkStep.Name.Should().StartWith("perstack.step ");
        ParentOf(spans, thinkStep).Should().Be(workerPass);
        spans.Where(s => s.Name == "execute_tool attemptCompletion").Should().HaveCount(2, "the worker and the coordinator complete");

        var steps = spans.Where(s => s.Name.StartsWith("perstack.step ", StringComparison.Ordinal)).ToList();
        steps.Should().NotBeEmpty().And.OnlyContain(s => s.Attribute("perstack.job.id") == jobId);
        var checkpoints = Directory.GetFiles(Path.Combine(workspace.Store, "jobs", jobId, "checkpoints")).Select(Path.GetFileNameWithoutExtension).ToList();
        steps.Select(s => s.Attribute("perstack.checkpoint.id")).Should().OnlyContain(id => checkpoints.Contains(id), "every step names its stored checkpoint");

        var modelCalls = spans.Where(s => s.Attribute("gen_ai.operation.name") == "chat").ToList();
        modelCalls.Should().HaveCount(workspace.Server.Requests.Count, "one span per model call");
        modelCalls.Should().OnlyContain(c => steps.Any(s => s.SpanId == c.ParentSpanId), "a model call belongs to its step");

        receiver.MetricNames.Should().Contain(["gen_ai.client.token.usage", "perstack.token.usage", "perstack.steps", "perstack.tool.call.duration"]);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Prompts_and_tool_contents_are_exported_only_when_the_user_opts_in(CancellationToken cancellationToken)
    {
        const string Query = "Delegate this canary-query-5d1e";
        await using var quiet = OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create();
        ExportTo(workspace, quiet);
        (await workspace.RunAsync("run", "fake-coordinator", Query)).ExitCode.Should().Be(0);

        await using var verbose = OtlpReceiver.Start();
        ExportTo(workspace, verbose);
        workspace.Environment["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true";
        (await workspace.RunAsync("run", "fake-coordinator", Query)).ExitCode.Should().Be(0);

        static bool Shows(OtlpReceiver receiver, string text) =>
            receiver.Bodies.Any(b => System.Text.Encoding.UTF8.GetString(b.Body).Contains(text, StringComparison.Ordinal));
        quiet.Spans.Should().NotBeEmpty();
        Shows(quiet, "canary-query-5d1e").Should().BeFalse("the query is content");
        Shows(quiet, "Delegated sub-task for").Should().BeFalse("a delegate's query is content");
        Shows(quiet, "Delegate the query to fake-worker").Should().BeFalse("the instruction is content");
        Shows(verbose, "canary-query-5d1e").Should().BeTrue("the user opted in");
        Shows(verbose, RunWorkspace.ApiKey).Should().BeFalse("a credential is never content");
        Shows(quiet, RunWorkspace.ApiKey).Should().BeFalse();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task With_opt_in_tool_spans_carry_arguments_and_results_and_every_secret_is_redacted(CancellationToken cancellationToken)
    {
        const string Toml = """
            [experts."reader"]
            instruction = "Think, read secret.txt, then call attemptCompletion."
            [experts."reader".skills."@perstack/base"]
            type = "mcpStdioSkill"
            command = "npx"
            packageName = "@perstack/base"
            pick = ["think", "readTextFile", "attemptCompletion"]
            """;
        var toml = Perstack.TestKit.Conformance.ConformanceToml.Text.Replace("[experts.\"fake-basic\"]", Toml + "\n[experts.\"fake-basic\"]", StringComparison.Ordinal);
        await using var quiet = OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create(toml);
        await File.WriteAllTextAsync(Path.Combine(workspace.Directory, "secret.txt"), $"canary-file-content {RunWorkspace.ApiKey}", cancellationToken);
        void Script() => workspace.Server.Enqueue(
            ScriptedReply.ToolCall("think", $$"""{"thought":"canary-arg-7f3a {{RunWorkspace.ApiKey}}"}"""),
            ScriptedReply.ToolCall("readTextFile", """{"path":"secret.txt"}"""),
            ScriptedReply.ToolCall("attemptCompletion"));
        ExportTo(workspace, quiet);
        Script();
        (await workspace.RunAsync("run", "reader", "Read it")).ExitCode.Should().Be(0);

        await using var verbose = OtlpReceiver.Start();
        ExportTo(workspace, verbose);
        workspace.Environment["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true";
        Script();
        (await workspace.RunAsync("run", "reader", "Read it")).ExitCode.Should().Be(0);

        quiet.Spans.Should().Contain(s => s.Name == "execute_tool readTextFile")
            .And.OnlyContain(s => s.Attribute("gen_ai.tool.call.arguments") == null && s.Attribute("gen_ai.tool.call.result") == null);
        var think = Single(verbose.Spans, "execute_tool think");
        think.Attribute("gen_ai.tool.call.arguments").Should().Be("""{"thought":"canary-arg-7f3a [REDACTED:ANTHROPIC_API_KEY]"}""");
        var read = Single(verbose.Spans, "execute_tool readTextFile");
        read.Attribute("gen_ai.tool.call.arguments").Should().Be("""{"path":"secret.txt"}""");
        read.Attribute("gen_ai.tool.call.result").Should().Contain("canary-file-content [REDACTED:ANTHROPIC_API_KEY]");
        verbose.Spans.Where(s => s.Attribute("gen_ai.operation.name") == "chat")
            .Should().Contain(s => s.Attributes.Values.Any(v => v.Contains("canary-arg-7f3a [REDACTED:ANTHROPIC_API_KEY]", StringComparison.Ordinal)),
                "the model's reply is on its chat span, redacted");
        verbose.Bodies.Should().NotContain(b => System.Text.Encoding.UTF8.GetString(b.Body).Contains(RunWorkspace.ApiKey, StringComparison.Ordinal));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Ctrl_c_still_sends_the_spans_of_the_stopped_run(CancellationToken cancellationToken)
    {
        await using var receiver = OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create();
        ExportTo(workspace, receiver);
        workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
        using var run = SignalledRun.Start(PerstackProcess.StartInfo(workspace.Directory, workspace.Environment, "run", "fake-basic", "Say hello"),
            line => line.Contains("\"startGeneration\"", StringComparison.Ordinal) && line.Contains("\"stepNumber\":2", StringComparison.Ordinal));
        await run.WaitForTriggerAsync(TimeSpan.FromSeconds(60));
        await workspace.Server.WaitForRequestsAsync(2, TimeSpan.FromSeconds(60));

        var (exitCode, error, _) = await run.SignalAsync("INT", TimeSpan.FromSeconds(30));

        exitCode.Should().Be(130, error);
        var job = receiver.Spans.Should().ContainSingle(s => s.Name == "perstack.job fake-basic").Which;
        job.StatusCode.Should().Be(2, "the job ended in error (cancelled)");
        receiver.Spans.Should().Contain(s => s.Name == "perstack.step 1" && s.Attribute("perstack.checkpoint.status") == "proceeding");
        receiver.Spans.Should().Contain(s => s.Name == "perstack.step 2" && s.Attribute("perstack.checkpoint.status") == "stoppedByError");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Nothing_is_exported_without_an_endpoint_or_with_the_sdk_disabled(CancellationToken cancellationToken)
    {
        await using var receiver = OtlpReceiver.Start();
        await using var workspace = RunWorkspace.Create();
        ExportTo(workspace, receiver);
        workspace.Environment["OTEL_SDK_DISABLED"] = "true";

        (await workspace.RunAsync("run", "fake-basic", "Say hello", "--otel")).ExitCode.Should().Be(0);

        receiver.Bodies.Should().BeEmpty();
    }
}
