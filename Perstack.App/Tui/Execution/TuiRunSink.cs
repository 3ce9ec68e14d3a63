using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Execution;

/// <summary>Forwards run events to the execution panel on the UI thread.</summary>
internal sealed class TuiRunSink(IUiDispatcher dispatcher, ExecutionPanel panel) : IRunEventSink
{
    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        dispatcher.Post(() => panel.Apply(runEvent));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        dispatcher.Post(() => panel.Apply(runtimeEvent));
        return ValueTask.CompletedTask;
    }
}
