using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Jobs;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>
/// <c>--verbose</c>: human-readable progress on stderr, runtime events included. Statuses are written as stored
/// (<c>stoppedByInteractiveTool</c>), an interactive tool's question as its text, and the final answer in full.
/// </summary>
internal sealed class VerboseEventWriter : IRunEventSink
{
    private readonly TextWriter _error;
    private readonly Lock _gate = new();

    public VerboseEventWriter(TextWriter error) => _error = error;

    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var detail = runEvent switch
        {
            StartRunEvent e => $"status {JobStatusText.Of(e.InitialCheckpoint.Status)}",
            CallToolsEvent e => string.Join(", ", e.ToolCalls.Select(c => c.ToolName)),
            CallDelegateEvent e => $"→ {string.Join(", ", e.Calls.Select(c => c.ToolName))}",
            CallInteractiveToolEvent e => $"? {e.ToolCall.ToolName}: {Question(e.ToolCall)}",
            ResolveToolResultsEvent e => string.Join(", ", e.ToolResults.Select(r => r.ToolName)),
            RetryEvent e => e.Reason,
            StopRunByErrorEvent e => $"status {JobStatusText.Of(e.Checkpoint.Status)}: {e.Error.Name}: {e.Error.Message}",
            StopRunByInteractiveToolEvent e => $"status {JobStatusText.Of(e.Checkpoint.Status)}",
            StopRunByDelegateEvent e => $"status {JobStatusText.Of(e.Checkpoint.Status)}",
            StopRunByExceededMaxStepsEvent e => $"status {JobStatusText.Of(e.Checkpoint.Status)}",
            CompleteRunEvent e => $"status {JobStatusText.Of(e.Checkpoint.Status)}, {e.Checkpoint.Usage.TotalTokens} tokens: {e.Text}",
            _ => "",
        };
        Write($"[step {runEvent.StepNumber}] {runEvent.Type} {runEvent.ExpertKey} {detail}".TrimEnd());
        return ValueTask.CompletedTask;
    }

    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        Write(runtimeEvent switch
        {
            InitializeRuntimeEvent e => $"initializeRuntime {e.ExpertName} model={e.Model} runtime={e.RuntimeVersion}",
            SkillStartingEvent e => $"skillStarting {e.SkillName}: {e.Command} {string.Join(' ', e.Args)}",
            SkillConnectedEvent e => $"skillConnected {e.SkillName} {e.ServerInfo?.Name} {e.ServerInfo?.Version} in {e.ConnectDurationMs} ms",
            SkillStderrEvent e => $"skillStderr {e.SkillName}: {e.Message}",
            SkillDisconnectedEvent e => $"skillDisconnected {e.SkillName}",
            _ => runtimeEvent.GetType().Name,
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>The question an interactive call asks: its one string argument (or <c>question</c>), else its arguments as JSON.</summary>
    private static string Question(ToolCall call)
    {
        if (call.Args.ValueKind == JsonValueKind.Object)
        {
            var strings = call.Args.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToList();
            var question = strings.Count == 1 ? strings[0] : strings.FirstOrDefault(p => p.Name == "question");
            if (question.Value.ValueKind == JsonValueKind.String)
            {
                return question.Value.GetString()!;
            }
        }

        return call.Args.GetRawText();
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _error.WriteLine(line);
            _error.Flush();
        }
    }
}
