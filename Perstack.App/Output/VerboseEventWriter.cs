using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Output;

/// <summary><c>--verbose</c>: human-readable progress on stderr, runtime events included.</summary>
internal sealed class VerboseEventWriter : IRunEventSink
{
    private readonly TextWriter _error;
    private readonly Lock _gate = new();

    public VerboseEventWriter(TextWriter error) => _error = error;

    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        var detail = runEvent switch
        {
            StartRunEvent e => $"status {e.InitialCheckpoint.Status}",
            CallToolsEvent e => string.Join(", ", e.ToolCalls.Select(c => c.ToolName)),
            CallDelegateEvent e => $"→ {string.Join(", ", e.Calls.Select(c => c.ToolName))}",
            CallInteractiveToolEvent e => $"? {e.ToolCall.ToolName}",
            ResolveToolResultsEvent e => string.Join(", ", e.ToolResults.Select(r => r.ToolName)),
            RetryEvent e => e.Reason,
            StopRunByErrorEvent e => $"{e.Error.Name}: {e.Error.Message}",
            CompleteRunEvent e => $"{e.Checkpoint.Usage.TotalTokens} tokens",
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

    private void Write(string line)
    {
        lock (_gate)
        {
            _error.WriteLine(line);
            _error.Flush();
        }
    }
}
