using Perstack.Core.Domain.Events;

namespace Perstack.Core.Runtime;

/// <summary>Receives the events of a run: the event store, the NDJSON stdout writer, the TUI.</summary>
public interface IRunEventSink
{
    /// <summary>A state-machine event (its checkpoint, if any, is already stored).</summary>
    ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default);

    /// <summary>A runtime event (never persisted).</summary>
    ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default);
}
