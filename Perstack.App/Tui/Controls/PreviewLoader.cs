using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Reads what a preview pane shows, off the UI thread, one read at a time: while one runs, only the last selection
/// asked for waits (holding ↓ over a thousand rows reads two previews, not a thousand). What was read is kept by key
/// and a stamp of the row's version, so coming back to a row shows it at once, and a changed job is read again.
/// </summary>
internal sealed class PreviewLoader<TKey, TValue>(UiWork work)
    where TKey : notnull
    where TValue : class
{
    private const int Capacity = 256;
    private readonly Dictionary<TKey, (long Stamp, TValue Value)> _known = [];
    private Request? _waiting;
    private bool _busy;

    /// <summary>What was read for <paramref name="key"/> at <paramref name="stamp"/>; null when not read yet.</summary>
    public TValue? Get(TKey key, long stamp) => _known.TryGetValue(key, out var known) && known.Stamp == stamp ? known.Value : null;

    /// <summary>Reads with <paramref name="read"/> when its turn comes; <paramref name="loaded"/> runs on the UI thread after.</summary>
    public void Load(TKey key, long stamp, Func<Task<TValue>> read, Action loaded)
    {
        _waiting = new Request(key, stamp, read, loaded);
        if (!_busy)
        {
            StartNext();
        }
    }

    private void StartNext()
    {
        if (_waiting is not { } next)
        {
            return;
        }

        _waiting = null;
        if (Get(next.Key, next.Stamp) is not null)
        {
            next.Loaded();
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
