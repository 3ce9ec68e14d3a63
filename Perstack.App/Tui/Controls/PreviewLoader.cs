using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Reads what a preview pane shows, off the UI thread, one read at a time: while one runs, only the last selection
/// asked for waits (holding ↓ over a thousand rows reads two previews, not a thousand). What was read is kept by key
/// and a stamp of the row's version, so coming back to a row shows it at once, and a changed job is read again.
/// When nothing waits, the rows next to the selection are read ahead (<see cref="ReadAhead"/>): a step to one of them
/// shows it whole at once, with no "reading…" in between, and its frame can be forecast whole
/// (<see cref="Driver.SelectionForecast"/>).
/// </summary>
internal sealed class PreviewLoader<TKey, TValue>(UiWork work)
    where TKey : notnull
    where TValue : class
{
    private const int Capacity = 256;
    private readonly Dictionary<TKey, (long Stamp, TValue Value)> _known = [];
    private readonly Queue<Request> _ahead = new();
    private Request? _waiting;
    private bool _busy;

    /// <summary>What was read for <paramref name="key"/> at <paramref name="stamp"/>; null when not read yet.</summary>
    public TValue? Get(TKey key, long stamp) => _known.TryGetValue(key, out var known) && known.Stamp == stamp ? known.Value : null;

    /// <summary>
    /// Reads with <paramref name="read"/> when its turn comes; <paramref name="loaded"/> runs on the UI thread after.
    /// The rows read ahead for the selection before are no longer wanted.
    /// </summary>
    public void Load(TKey key, long stamp, Func<Task<TValue>> read, Action loaded)
    {
        _ahead.Clear();
        _waiting = new Request(key, stamp, read, loaded);
        if (!_busy)
        {
            StartNext();
        }
    }

    /// <summary>
    /// Reads these, not read yet, once nothing waits, in turn (those asked before are dropped); <paramref name="landed"/>
    /// runs on the UI thread after each. Costs nothing while keys move the selection faster than a read: each move asks
    /// the selection first, which drops these.
    /// </summary>
    public void ReadAhead(IEnumerable<(TKey Key, long Stamp, Func<Task<TValue>> Read)> rows, Action landed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(landed);
        _ahead.Clear();
        foreach (var (key, stamp, read) in rows)
        {
            if (Get(key, stamp) is null)
            {
                _ahead.Enqueue(new Request(key, stamp, read, landed));
            }
        }

        if (!_busy)
        {
            StartNext();
        }
    }

    private void StartNext()
    {
        if (_waiting is not { } next)
        {
            if (!_ahead.TryDequeue(out next))
            {
                return;
            }
        }
        else
        {
            _waiting = null;
        }

        if (Get(next.Key, next.Stamp) is not null)
        {
            next.Loaded();
            StartNext();
            return;
        }

        _busy = true;
        work.Run(
            next.Read,
            value =>
            {
                _busy = false;
                if (_known.Count >= Capacity)
                {
                    _known.Clear();
                }

                _known[next.Key] = (next.Stamp, value);
                next.Loaded();
                StartNext();
            },
            _ =>
            {
                // The reader turns what it can explain into a value; anything else leaves the pane as it was.
                _busy = false;
                StartNext();
            });
    }

    private sealed record Request(TKey Key, long Stamp, Func<Task<TValue>> Read, Action Loaded);
}
