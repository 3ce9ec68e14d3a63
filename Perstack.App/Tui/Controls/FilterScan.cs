using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// One filter matched over many rows off the UI thread, so typing is answered at once at 100,000 rows (matching them
/// all for a first letter took 40–100 ms of the UI thread, see docs/performance.md). Its result lands on the UI thread, where the list drops
/// it if the filter or the rows changed meanwhile (<see cref="ListController{TRow}"/>). The rows, and the subset it
/// narrows (copied first), are not changed while it runs; what rows learn meanwhile is noted here and matched on
/// landing.
/// </summary>
/// <param name="filter">The filter text matched.</param>
/// <param name="rows">Every row (the list's rows when it started).</param>
/// <param name="origin">The kept result of a shorter filter it narrows, or null to match every row.</param>
/// <param name="resetSelection">Whether the result is shown from its first row (else the selected row is kept).</param>
internal sealed class FilterScan<TRow>(string filter, IReadOnlyList<TRow> rows, RowSubset<TRow>? origin, bool resetSelection)
    where TRow : class, IFilterableRow
{
    private readonly List<int> _learnt = [];

    public string Filter => filter;

    public IReadOnlyList<TRow> Rows => rows;

    public RowSubset<TRow>? Origin => origin;

    public bool ResetSelection => resetSelection;

    /// <summary>What the list was asked to select meanwhile (on the rows it still showed): selected again on landing.</summary>
    public Func<TRow, bool>? Select { get; set; }

    /// <summary>Whether the rows learnt so much meanwhile that they are matched again once this lands.</summary>
    public bool Again { get; set; }

    /// <summary>Matches off the UI thread; <paramref name="landed"/> runs on it with the result (null: matching failed).</summary>
    public void Start(UiWork work, Action<FilterScan<TRow>, RowSubset<TRow>?> landed)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(landed);
        var from = origin?.Snapshot();
        work.Run(
            () => Task.FromResult(Match(filter, rows, from)),
            shown => landed(this, shown),
            _ => landed(this, null));
    }

    /// <summary>The rows <paramref name="filter"/> lets through: of <paramref name="from"/> (a shorter filter's result) when given, else of every row.</summary>
    public static RowSubset<TRow> Match(string filter, IReadOnlyList<TRow> rows, RowSubset<TRow>? from) =>
        from?.Narrow(r => r.Matches(filter)) ?? RowSubset<TRow>.Of(rows, r => r.Matches(filter));

    /// <summary>The rows at <paramref name="positions"/> learnt something the filter may match (the scan may have passed them).</summary>
    public void Learnt(IEnumerable<int> positions) => _learnt.AddRange(positions);

    /// <summary>Adds to <paramref name="shown"/> the rows that learnt meanwhile and match now.</summary>
    public void AddLearnt(RowSubset<TRow> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        foreach (int position in _learnt)
        {
            if (rows[position].Matches(filter))
            {
                shown.Add(position);
            }
        }
    }
}
