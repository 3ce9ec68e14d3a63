using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>Remembers the job the events belong to, so messages after a run (Ctrl+C) can name it.</summary>
internal sealed class JobIdRecorder : IRunEventSink
{
    /// <summary>The job of the first event seen (a run's first event is initializeRuntime); null before any event.</summary>
    public JobId? JobId { get; private set; }

    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        JobId ??= runEvent.JobId;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtimeEvent);
        JobId ??= runtimeEvent.JobId;
        return ValueTask.CompletedTask;
    }
}
