using Perstack.App.Features.Log.Filters;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>
/// One streaming pass of <c>perstack log</c> over a listing: filters each event (by file name, and by content only when
/// <c>--filter</c> asks), counts it, pages it, and reads and writes only the events let through, one at a time. Memory
/// stays bounded by <c>--context</c> whatever the job's size (a parsed event dropped from the context ring is left to the
/// GC rather than returned to the pool); unreadable files are reported and skipped.
/// </summary>
internal sealed class EventScan
{
    private readonly IEventStore _store;
    private readonly ILogSink _sink;

    /// <summary>Creates a scan reading from <paramref name="store"/> and writing to <paramref name="sink"/>.</summary>
    public EventScan(IEventStore store, ILogSink sink)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
    }

    /// <summary>Runs the pass over <paramref name="events"/> (in order).</summary>
    public async Task<ScanResult> RunAsync(IReadOnlyList<EventSummary> events, EventFilter filter, EventPager<ScanItem> pager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(pager);

        // Read ahead what will be read: every name match when --filter needs the content, else the page's matches.
        await using var readAhead = filter.NeedsContent
            ? new EventReadAhead(_store, events, filter.MatchesName, skip: 0, limit: 0)
            : new EventReadAhead(_store, events, filter.MatchesName, pager.Offset, pager.Take);
        var summary = new LogSummary();
        long shown = 0, context = 0;
        for (int position = 0; position < events.Count; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = events[position];
            bool matched = filter.MatchesName(name);
            if (!matched && pager.Done)
            {
                continue;
            }

            LoggedEvent? loaded = null;
            if (matched && filter.NeedsContent)
            {
                loaded = await LoadAsync(readAhead, position, name, cancellationToken).ConfigureAwait(false);
                if (loaded is null)
                {
                    continue;
                }

                matched = filter.MatchesContent(loaded.Root);
                if (!matched && pager.Done)
                {
                    loaded.Dispose();
                    continue;
                }
            }

            if (matched)
            {
                summary.Add(name.Type, name.StepNumber);
            }

            foreach (var (item, isContext) in pager.Push(new ScanItem(position, name, loaded), matched))
            {
                using var runEvent = item.Event ?? await LoadAsync(readAhead, item.Position, item.Name, cancellationToken).ConfigureAwait(false);
                if (runEvent is not null)
                {
                    await _sink.WriteEventAsync(runEvent, isContext, cancellationToken).ConfigureAwait(false);
                    shown += isContext ? 0 : 1;
                    context += isContext ? 1 : 0;
                }
            }
        }

        return new ScanResult(summary, pager.Matched, shown, context);
    }

    private async Task<LoggedEvent?> LoadAsync(EventReadAhead readAhead, int position, EventSummary name, CancellationToken cancellationToken)
    {
        if (await readAhead.TakeAsync(position, cancellationToken).ConfigureAwait(false) is { } read)
        {
            if (read.Problem is { } problem)
            {
                await _sink.ReportProblemAsync(problem, cancellationToken).ConfigureAwait(false);
            }

            return read.Event;
        }

        try
        {
            return await _store.ReadJsonAsync(name, cancellationToken).ConfigureAwait(false) is { } document ? new LoggedEvent(document) : null;
        }
        catch (CorruptFileException e)
        {
            await _sink.ReportProblemAsync(e.Problem, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }
}
