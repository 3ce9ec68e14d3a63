namespace Perstack.App.Tui.Controls;

/// <summary>
/// The results of the filters typed on the way to the current one (its own on top): a longer filter narrows the top,
/// Backspace goes back to a shorter one at once, and a row that learns something is added to each in place.
/// </summary>
internal sealed class KeptFilterResults<TRow>
    where TRow : class, IFilterableRow
{
    private readonly Stack<(string Filter, RowSubset<TRow> Shown)> _kept = new();

    public void Clear() => _kept.Clear();

    public void Keep(string filter, RowSubset<TRow> shown) => _kept.Push((filter, shown));

    /// <summary>
    /// The longest kept result <paramref name="filter"/> starts with (the filter's own when its text is the same), null
    /// when none; results of filters it does not start with (typed over, or Backspace past) are dropped.
    /// </summary>
    public (string Filter, RowSubset<TRow> Shown)? Longest(string filter)
    {
        while (_kept.TryPeek(out var top) && !filter.StartsWith(top.Filter, StringComparison.OrdinalIgnoreCase))
        {
            _kept.Pop();
        }

        return _kept.TryPeek(out var longest) ? longest : null;
    }

    /// <summary>
    /// The rows at <paramref name="positions"/> of <paramref name="rows"/> learnt something: each kept result takes those
    /// that match its filter now, in their place. Returns whether <paramref name="shown"/> gained a row; then
    /// <paramref name="selected"/> moves down with each row put above it, so the cursor stays on its row.
    /// </summary>
    public bool AddLearnt(IReadOnlyList<TRow> rows, IReadOnlyCollection<int> positions, IReadOnlyList<TRow> shown, ref int? selected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positions);
        bool added = false;
        foreach (var (filter, subset) in _kept)
        {
            bool isShown = ReferenceEquals(subset, shown);
            foreach (int position in positions)
            {
                if (rows[position].Matches(filter) && subset.Add(position) is >= 0 and var at && isShown)
                {
                    added = true;
                    selected = selected is { } s && at <= s ? s + 1 : selected;
                }
            }
        }

        return added;
    }
}
