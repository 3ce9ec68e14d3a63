using Perstack.Core.Domain.Events;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>Persists every run event, then forwards it; runtime events are only forwarded (never persisted).</summary>
public sealed class StoringEventSink : IRunEventSink
{
    private readonly IEventStore _events;
    private readonly IReadOnlyList<IRunEventSink> _next;

    /// <summary>Creates the sink.</summary>
    public StoringEventSink(IEventStore events, params IRunEventSink[] next)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _next = next ?? [];
    }

    /// <summary>The first sink after this one that listens to live model output, if any.</summary>
    public ILiveStreamSink? Live => _next.OfType<ILiveStreamSink>().FirstOrDefault();

    /// <inheritdoc />
    public async ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        await _events.SaveAsync(runEvent, CancellationToken.None).ConfigureAwait(false);
        foreach (var sink in _next)
        {
            await sink.OnRunEventAsync(runEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        foreach (var sink in _next)
        {
            await sink.OnRuntimeEventAsync(runtimeEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
