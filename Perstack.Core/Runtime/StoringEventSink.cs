using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>
/// Persists every run event, then forwards it once it is on disk; runtime events and live output are only forwarded
/// (never persisted), in the same order. With stores that write behind, forwarding happens on their writer's task.
/// </summary>
public sealed class StoringEventSink : IRunEventSink
{
    private readonly IEventStore _events;
    private readonly IStoreCommits _commits;
    private readonly IReadOnlyList<IRunEventSink> _next;

    /// <summary>Creates the sink over an event store that writes immediately.</summary>
    public StoringEventSink(IEventStore events, params IRunEventSink[] next)
        : this(events, ImmediateStoreCommits.Instance, next)
    {
    }

    /// <summary>Creates the sink over an event store whose writes <paramref name="commits"/> reports on.</summary>
    public StoringEventSink(IEventStore events, IStoreCommits commits, params IRunEventSink[] next)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _commits = commits ?? throw new ArgumentNullException(nameof(commits));
        _next = next ?? [];
        var live = _next.OfType<ILiveStreamSink>().FirstOrDefault();
        Live = live is null || _commits is ImmediateStoreCommits ? live : new CommittedLiveSink(live, _commits);
    }

    /// <summary>The first sink after this one that listens to live model output, if any (reached in event order).</summary>
    public ILiveStreamSink? Live { get; }

    /// <summary>
    /// The run's known secrets: every event passes through them before it is printed (the sinks after this one); the
    /// event store's writer redacts what it writes with the same secrets.
    /// </summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <inheritdoc />
    public async ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        await _events.SaveAsync(runEvent, CancellationToken.None).ConfigureAwait(false);
        await _commits.AfterCommitAsync(() => ForwardAsync(runEvent, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) =>
        _commits.AfterCommitAsync(async () =>
        {
            // An MCP server's stderr line or error message may hold anything, a secret it was given included.
            var clean = Secrets.RedactRecord(runtimeEvent, PerstackJson.RuntimeEvent);
            foreach (var sink in _next)
            {
                await sink.OnRuntimeEventAsync(clean, cancellationToken).ConfigureAwait(false);
            }
        });

    private async ValueTask ForwardAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        // What the run emits was redacted at its sources; this is the last check before anything is printed, off
        // the run's path (on the writer's task when writing behind).
        runEvent = Secrets.RedactRecord(runEvent, PerstackJson.RunEvent);
        foreach (var sink in _next)
        {
            await sink.OnRunEventAsync(runEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Passes live output on behind the events queued before it, so a listener never sees it early.</summary>
    private sealed class CommittedLiveSink(ILiveStreamSink live, IStoreCommits commits) : ILiveStreamSink
    {
        public void OnLiveStream(LiveStreamEvent liveEvent)
        {
            var queued = commits.AfterCommitAsync(() =>
            {
                live.OnLiveStream(liveEvent);
                return ValueTask.CompletedTask;
            });

            // Only when thousands of items wait for the disk.
            if (!queued.IsCompletedSuccessfully)
            {
                queued.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
