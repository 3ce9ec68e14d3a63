using System.Diagnostics;
using System.Diagnostics.Metrics;
using Perstack.Core.Domain;

namespace Perstack.Core.Telemetry;

/// <summary>
/// The runtime's traces and metrics, through System.Diagnostics only (the OpenTelemetry SDK and its exporter are the
/// composition root's business). Nothing is recorded unless a listener is attached: with telemetry off,
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and instruments are disabled.
/// Names follow the OpenTelemetry GenAI semantic conventions where they have one (<c>invoke_agent</c>,
/// <c>execute_tool</c>, <c>gen_ai.*</c> attributes) and <c>perstack.*</c> for ids and what they do not name.
/// Never a prompt, query, tool argument or tool result unless the user opted in to content capture (then tool
/// arguments and results, redacted, through <see cref="RecordToolContent"/>): otherwise only names, ids, counts and statuses.
/// </summary>
public static class RuntimeTelemetry
{
    /// <summary>The name of the activity source and meter (the model-call spans of Microsoft.Extensions.AI use it too).</summary>
    public const string SourceName = "Perstack";

    /// <summary>Where spans start.</summary>
    public static readonly ActivitySource Source = new(SourceName, typeof(RuntimeTelemetry).Assembly.GetName().Version?.ToString(3));

    private static readonly Meter Meter = new(SourceName, typeof(RuntimeTelemetry).Assembly.GetName().Version?.ToString(3));

    private static readonly Counter<long> StepCounter = Meter.CreateCounter<long>(
        "perstack.steps", "{step}", "Steps finished, by expert and how the step ended");

    private static readonly Counter<long> TokenCounter = Meter.CreateCounter<long>(
        "perstack.token.usage", "{token}", "Tokens spent by the model calls of a step, by expert and gen_ai.token.type");

    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>(
        "perstack.tool.call.duration", "s", "How long a tool call took, by tool");

    /// <summary>Opens the span of a job invocation (null when nobody listens).</summary>
    public static Activity? StartJob(JobId jobId, string expertKey, string provider, string model)
    {
        var activity = Source.StartActivity($"perstack.job {expertKey}", ActivityKind.Internal);
        activity?.SetTag("perstack.job.id", jobId.Value)
            .SetTag("perstack.expert.key", expertKey)
            .SetTag("gen_ai.provider.name", provider)
            .SetTag("gen_ai.request.model", model);
        return activity;
    }

    /// <summary>Opens the span of one pass of an expert (a run, in the history's words).</summary>
    public static Activity? StartPass(JobId jobId, RunId runId, string expertKey, string expertName)
    {
        var activity = Source.StartActivity($"invoke_agent {expertKey}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "invoke_agent")
            .SetTag("gen_ai.agent.id", expertKey)
            .SetTag("gen_ai.agent.name", expertName)
            .SetTag("perstack.job.id", jobId.Value)
            .SetTag("perstack.run.id", runId.Value);
        return activity;
    }

    /// <summary>Opens the span of one step; <c>perstack.checkpoint.id</c> is set when its checkpoint is stored.</summary>
    public static Activity? StartStep(JobId jobId, RunId runId, string expertKey, long stepNumber)
    {
        var activity = Source.StartActivity($"perstack.step {stepNumber}", ActivityKind.Internal);
        activity?.SetTag("perstack.job.id", jobId.Value)
            .SetTag("perstack.run.id", runId.Value)
            .SetTag("perstack.expert.key", expertKey)
            .SetTag("perstack.step.number", stepNumber);
        return activity;
    }

    /// <summary>Opens the span of one tool call (its arguments and result are recorded only by <see cref="RecordToolContent"/>).</summary>
    public static Activity? StartToolCall(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var activity = Source.StartActivity($"execute_tool {call.ToolName}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool")
            .SetTag("gen_ai.tool.name", call.ToolName)
            .SetTag("gen_ai.tool.call.id", call.Id)
            .SetTag("perstack.skill.name", call.SkillName);
        return activity;
    }

    /// <summary>
    /// Puts a tool call's arguments and result on its span (<c>gen_ai.tool.call.arguments</c>,
    /// <c>gen_ai.tool.call.result</c>): only when the user opted in, and only already redacted values. The result is its
    /// text parts; other parts are named by kind (<c>[image]</c>, <c>[file]</c>), never their data.
    /// </summary>
    public static void RecordToolContent(Activity? span, string redactedArguments, IReadOnlyList<Domain.Messages.MessagePart> redactedResult)
    {
        ArgumentNullException.ThrowIfNull(redactedResult);
        span?.SetTag("gen_ai.tool.call.arguments", redactedArguments)
            .SetTag("gen_ai.tool.call.result", string.Join('\n', redactedResult.Select(part => part switch
            {
                Domain.Messages.TextPart text => text.Text,
                Domain.Messages.ImageInlinePart or Domain.Messages.ImageUrlPart => "[image]",
                Domain.Messages.FileInlinePart or Domain.Messages.FileUrlPart or Domain.Messages.FileBinaryPart => "[file]",
                _ => "[content]",
            })));
    }

    /// <summary>Opens the span of one delegation: the delegate's passes are its children.</summary>
    public static Activity? StartDelegation(JobId jobId, DelegationTarget target, string parentExpertKey, CheckpointId parentCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(target);
        var activity = Source.StartActivity($"perstack.delegate {target.Expert.Key}", ActivityKind.Internal);
        activity?.SetTag("perstack.job.id", jobId.Value)
            .SetTag("perstack.delegate.expert.key", target.Expert.Key)
            .SetTag("perstack.expert.key", parentExpertKey)
            .SetTag("perstack.checkpoint.id", parentCheckpoint.Value)
            .SetTag("gen_ai.tool.call.id", target.ToolCallId)
            .SetTag("gen_ai.tool.name", target.ToolName);
        return activity;
    }

    /// <summary>Ends a span with the checkpoint status it stopped at (an error status for <c>stoppedByError</c>).</summary>
    public static void End(Activity? activity, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("perstack.checkpoint.status", StatusName(checkpoint.Status))
            .SetTag("gen_ai.usage.input_tokens", checkpoint.Usage.InputTokens)
            .SetTag("gen_ai.usage.output_tokens", checkpoint.Usage.OutputTokens);
        if (checkpoint.Status == CheckpointStatus.StoppedByError)
        {
            // The error's name only: its message can quote a tool result.
            activity.SetStatus(ActivityStatusCode.Error, checkpoint.Error?.Name);
            activity.SetTag("error.type", checkpoint.Error?.Name ?? "StoppedByError");
        }

        activity.Dispose();
    }

    /// <summary>Ends a span left by an exception (cancellation included): the exception's type, never its message.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.Dispose();
    }

    /// <summary>Counts a finished step and its tokens.</summary>
    public static void RecordStep(string expertKey, CheckpointStatus status, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var expert = new KeyValuePair<string, object?>("perstack.expert.key", expertKey);
        StepCounter.Add(1, expert, new("perstack.checkpoint.status", StatusName(status)));
        if (TokenCounter.Enabled)
        {
            TokenCounter.Add(usage.InputTokens, expert, new("gen_ai.token.type", "input"));
            TokenCounter.Add(usage.OutputTokens, expert, new("gen_ai.token.type", "output"));
        }
    }

    /// <summary>Records how long a tool call took.</summary>
    public static void RecordToolCall(string toolName, TimeSpan elapsed) =>
        ToolDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("gen_ai.tool.name", toolName));

    private static string StatusName(CheckpointStatus status) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
