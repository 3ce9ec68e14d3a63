using Perstack.App.Tui.Shell;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>Forwards run events, and model output as it streams, to the execution controller on the UI thread.</summary>
internal sealed class TuiRunSink(IUiDispatcher dispatcher, ExecutionController panel) : IRunEventSink, ILiveStreamSink
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

    public void OnLiveStream(LiveStreamEvent liveEvent) => dispatcher.Post(() => panel.Apply(liveEvent));
}
