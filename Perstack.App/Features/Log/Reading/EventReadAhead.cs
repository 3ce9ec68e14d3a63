using System.Threading.Channels;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>
/// Reads the events a scan will ask for ahead of it, in order, on another thread: reading and parsing one event then
/// overlaps formatting and writing the previous one (the scan is CPU-bound, and machines have at least two cores).
/// At most <see cref="Capacity"/> events wait, so memory stays bounded; an event the scan does not ask for is disposed
/// as the scan passes it, and one it asks for that was not read ahead is read by the scan itself.
/// </summary>
internal sealed class EventReadAhead : IAsyncDisposable
{
    /// <summary>Events read but not yet taken, at most.</summary>
    public const int Capacity = 8;

    private readonly Channel<ReadAheadItem> _items = Channel.CreateBounded<ReadAheadItem>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private ReadAheadItem? _head;

    /// <summary>
    /// Starts reading the events of <paramref name="events"/> that <paramref name="wanted"/> names, skipping the first
    /// <paramref name="skip"/> of those and stopping after <paramref name="limit"/> more (0: no limit).
    /// </summary>
    public EventReadAhead(IEventStore store, IReadOnlyList<EventSummary> events, Func<EventSummary, bool> wanted, long skip, long limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(wanted);
        var end = limit == 0 ? long.MaxValue : skip + limit;
        _reader = Task.Run(() => ReadAsync(store, events, wanted, skip, end, _stop.Token));
    }

    /// <summary>
    /// The event at <paramref name="position"/> of the listing if it was read ahead (a null <see cref="ReadAheadItem.Event"/>
    /// with a problem when the file was unreadable); null when it was not, and the caller reads it. Positions must be
    /// asked in increasing order.
    /// </summary>
    public async ValueTask<ReadAheadItem?> TakeAsync(int position, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_head is null)
            {
                if (!await _items.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_items.Reader.TryRead(out _head))
                {
                    return null;
                }
            }

            if (_head.Position > position)
            {
                return null;
            }

            var head = _head;
            _head = null;
            if (head.Position == position)
            {
                return head;
            }

            head.Event?.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting for room
        }

        _head?.Event?.Dispose();
        while (_items.Reader.TryRead(out var left))
        {
            left.Event?.Dispose();
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(IEventStore store, IReadOnlyList<EventSummary> events, Func<EventSummary, bool> wanted, long skip, long end, CancellationToken cancellationToken)
    {
        try
        {
            long seen = 0;
            for (int position = 0; position < events.Count && seen < end; position++)
            {
                if (!wanted(events[position]) || seen++ < skip)
                {
                    continue;
                }

                ReadAheadItem item;
                try
                {
                    var document = await store.ReadJsonAsync(events[position], cancellationToken).ConfigureAwait(false);
                    item = new ReadAheadItem(position, document is null ? null : new LoggedEvent(document), null);
                }
                catch (CorruptFileException e)
                {
                    item = new ReadAheadItem(position, null, e.Problem);
                }

                if (!_items.Writer.TryWrite(item))
                {
                    try
                    {
                        await _items.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        item.Event?.Dispose();
                        throw;
                    }
                }
            }
        }
        finally
        {
            _items.Writer.TryComplete();
        }
    }
}
