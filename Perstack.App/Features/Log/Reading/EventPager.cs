namespace Perstack.App.Features.Log.Reading;

/// <summary>
/// <c>--offset</c>, <c>--take</c> and <c>--context</c> over a stream, in one pass and bounded memory: items are pushed in
/// order with whether they match; the pager lets through the matches numbered [offset, offset + take) and up to
/// <c>context</c> items on either side of each (any item, matched or not, each at most once), keeping only the last
/// <c>context</c> items in a ring for the "before" side.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
internal sealed class EventPager<T>
{
    private readonly long _offset;
    private readonly long _end;
    private readonly int _context;
    private readonly Queue<T> _before;
    private readonly List<PagedItem<T>> _out = [];
    private int _afterLeft;

    /// <summary>Creates a pager; <paramref name="take"/> 0 means no limit.</summary>
    public EventPager(long offset, long take, int context)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        _offset = offset;
        _end = take == 0 ? long.MaxValue : offset + take;
        _context = context;
        _before = new Queue<T>(Math.Min(context, 1024));
    }

    /// <summary>Matches skipped before the page (<c>--offset</c>).</summary>
    public long Offset => _offset;

    /// <summary>Matches on the page (<c>--take</c>); 0 means no limit.</summary>
    public long Take => _end == long.MaxValue ? 0 : _end - _offset;

    /// <summary>Matches seen so far (the total before pagination, once the stream ends).</summary>
    public long Matched { get; private set; }

    /// <summary>Matches let through so far.</summary>
    public long Shown { get; private set; }

    /// <summary>Context items let through so far.</summary>
    public long ContextShown { get; private set; }

    /// <summary>
    /// True once nothing more can be let through: the page is full and its trailing context is out. Later pushes
    /// only count matches.
    /// </summary>
    public bool Done => Matched >= _end && _afterLeft == 0;

    // Whether a match pushed now falls on the page.
    private bool NextMatchIsShown => Matched >= _offset && Matched < _end;

    /// <summary>
    /// Pushes the next item and returns what to let through now, in stream order. The returned list is reused by the
    /// next call.
    /// </summary>
    public IReadOnlyList<PagedItem<T>> Push(T item, bool matched)
    {
        _out.Clear();
        if (matched && NextMatchIsShown)
        {
            Matched++;
            Shown++;
            while (_before.TryDequeue(out var earlier))
            {
                _out.Add(new PagedItem<T>(earlier, IsContext: true));
                ContextShown++;
            }

            _out.Add(new PagedItem<T>(item, IsContext: false));
            _afterLeft = _context;
            return _out;
        }

        Matched += matched ? 1 : 0;
        if (_afterLeft > 0)
        {
            _afterLeft--;
            ContextShown++;
            _out.Add(new PagedItem<T>(item, IsContext: true));
        }
        else if (_context > 0 && Matched < _end)
        {
            if (_before.Count == _context)
            {
                _before.Dequeue();
            }

            _before.Enqueue(item);
        }

        return _out;
    }
}
