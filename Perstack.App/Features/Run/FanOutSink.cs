using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>Passes every event to several sinks, in order.</summary>
internal sealed class FanOutSink(params IRunEventSink[] sinks) : IRunEventSink
{
    public async ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        foreach (var sink in sinks)
        {
            await sink.OnRunEventAsync(runEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        foreach (var sink in sinks)
        {
            await sink.OnRuntimeEventAsync(runtimeEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
