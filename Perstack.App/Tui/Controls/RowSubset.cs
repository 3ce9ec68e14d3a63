using System.Collections;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// The rows a filter lets through, kept as their positions in every row (in order), so that a row which starts to
/// match (it learnt its first query) is put in its place without filtering every row again.
/// </summary>
internal sealed class RowSubset<TRow>(IReadOnlyList<TRow> all, List<int> positions) : IReadOnlyList<TRow>
{
    public int Count => positions.Count;

    /// <summary>Every row, the subset's rows among them.</summary>
    public IReadOnlyList<TRow> All => all;

    public TRow this[int index] => all[positions[index]];

    /// <summary>The rows of <paramref name="all"/> that <paramref name="keep"/> lets through.</summary>
    public static RowSubset<TRow> Of(IReadOnlyList<TRow> all, Func<TRow, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(keep);
        var positions = new List<int>();
        for (int i = 0; i < all.Count; i++)
        {
            if (keep(all[i]))
            {
                positions.Add(i);
            }
        }

        return new(all, positions);
    }

    /// <summary>The rows of this subset that <paramref name="keep"/> lets through (a longer filter narrows).</summary>
    public RowSubset<TRow> Narrow(Func<TRow, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var kept = new List<int>();
        foreach (int position in positions)
        {
            if (keep(all[position]))
            {
                kept.Add(position);
            }
        }

        return new(all, kept);
    }

    /// <summary>A copy that rows added to this subset (on the UI thread) do not change: matched off it.</summary>
    public RowSubset<TRow> Snapshot() => new(all, [.. positions]);

    /// <summary>Where in every row the row at <paramref name="index"/> of this subset is.</summary>
    public int PositionOf(int index) => positions[index];

    /// <summary>Adds the row at <paramref name="position"/> of every row in its place; its index here, or -1 when it was already in.</summary>
    public int Add(int position)
    {
        int at = positions.BinarySearch(position);
        if (at >= 0)
        {
            return -1;
        }

        positions.Insert(~at, position);
        return ~at;
    }

    public IEnumerator<TRow> GetEnumerator()
    {
        foreach (int position in positions)
        {
            yield return all[position];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
