using Perstack.Core.Text;
using System.Globalization;
using Perstack.App.Presentation;
using Perstack.App.Tui.Shell;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A browsing screen over a list of rows: the <c>/</c> filter state (as you type, Esc clears it), a heading with
/// counts, and selection kept or reset across reloads.
/// </summary>
internal abstract class ListController<TRow> : BrowserController
    where TRow : class, IFilterableRow
{
    private readonly KeptFilterResults<TRow> _kept = new();

    // The filter being matched off the UI thread (more rows than ScanOnUiThread), null when none: a result that lands
    // when this is another scan (or none) is stale and dropped.
    private FilterScan<TRow>? _scan;

    protected ListController(IWorkbenchShell shell, IReadOnlyList<KeyBind> keys, bool withPreview = false)
        : base(shell, keys, withPreview)
    {
    }

    /// <summary>Matching more rows than this runs off the UI thread (matching this many takes a few milliseconds).</summary>
    public const int ScanOnUiThread = 5_000;

    public string Filter { get; private set; } = "";

    /// <summary>Every loaded row.</summary>
    protected IReadOnlyList<TRow> Rows { get; private set; } = [];

    /// <summary>The rows the filter lets through, as drawn.</summary>
    protected IReadOnlyList<TRow> Shown { get; private set; } = [];

    protected TRow? Selected => List.SelectedItem is { } i && i >= 0 && i < Shown.Count ? Shown[i] : null;

    /// <summary>
    /// The rows <see cref="Shown"/> is part of: <see cref="Rows"/>, or the rows before a reload while the filter is
    /// matched over the new ones (what is shown stays until the result lands).
    /// </summary>
    protected IReadOnlyList<TRow> ShownFrom => Shown is RowSubset<TRow> subset ? subset.All : Shown;

    /// <summary>Whether the filter is being matched off the UI thread (the rows shown are those of before).</summary>
    protected bool Matching => _scan is not null;

    /// <summary>The heading's title (counts and the filter follow it).</summary>
    protected abstract string Caption { get; }

    /// <summary>What a row is, singular ("job"; the heading says "1 job", "2 jobs").</summary>
    protected abstract string Noun { get; }

    protected abstract RowSource<TRow> SourceOf(IReadOnlyList<TRow> rows);

    public override void Enter()
    {
        Filter = "";
        base.Enter();
    }

    /// <summary>Replaces the rows (a load finished).</summary>
    protected void SetRows(IReadOnlyList<TRow> rows, bool resetSelection)
    {
        if (_scan is { } scan && ReferenceEquals(rows, Rows))
        {
            scan.Again = true; // the same rows learnt something: matched again once this scan lands
        }

        Rows = rows;
        _kept.Clear();
        Refill(resetSelection);
    }

    /// <summary>Selects the first row matching <paramref name="match"/>, if any.</summary>
    protected void Select(Func<TRow, bool> match)
    {
        if (_scan is { } scan)
        {
            scan.Select = match;
        }

        for (int i = 0; i < Shown.Count; i++)
        {
            if (match(Shown[i]))
            {
                List.SelectedItem = i;
                return;
            }
        }
    }

    public override void Refill(bool resetSelection)
    {
        var previous = List.SelectedItem;
        if (Narrow(resetSelection) is not { } shown)
        {
            // Being matched off the UI thread: the rows shown stay until the result lands; the heading says so.
            View.ShowHeading(HeadingText());
            UpdateInfo();
            View.SetNeedsDraw();
            return;
        }

        Shown = shown;
        Show(resetSelection || previous is null ? 0 : previous.Value);
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> show the same thing (the cursor stays on it when the rows are replaced).</summary>
    protected virtual bool IsSameRow(TRow a, TRow b) => ReferenceEquals(a, b);

    /// <summary>Draws <see cref="Shown"/> with the row at <paramref name="selected"/> (kept in range) selected.</summary>
    private void Show(int selected)
    {
        List.Source = SourceOf(Shown);
        View.ShowHeading(HeadingText());
        int count = Shown.Count;
        List.SelectedItem = count == 0 ? null : Math.Min(selected, count - 1);
        UpdateInfo();
        View.SetNeedsDraw();
    }

    /// <summary>
    /// The filtered rows; a longer filter narrows the rows already shown instead of all rows. Null when more than
    /// <see cref="ScanOnUiThread"/> rows are to be matched: that runs off the UI thread (<see cref="Landed"/>).
    /// </summary>
    private IReadOnlyList<TRow>? Narrow(bool resetSelection)
    {
        var running = _scan;
        _scan = null;
        if (Filter.Length == 0)
        {
            return Rows;
        }

        RowSubset<TRow>? from = null;
        if (_kept.Longest(Filter) is { } longest)
        {
            if (longest.Filter.Length == Filter.Length)
            {
                return longest.Shown;
            }

            from = longest.Shown;
        }

        var filter = Filter;
        if ((from?.Count ?? Rows.Count) > ScanOnUiThread)
        {
            // The same match already running (a reload of the list while it runs) goes on; anything else starts anew.
            _scan = running is not null && running.Filter == filter && ReferenceEquals(running.Rows, Rows) && running.Origin == from
                ? running
                : new FilterScan<TRow>(filter, Rows, from, resetSelection);
            if (_scan != running)
            {
                _scan.Start(Shell.Work, Landed);
            }

            return null;
        }

        var shown = FilterScan<TRow>.Match(filter, Rows, from);
        _kept.Keep(filter, shown);
        return shown;
    }

    /// <summary>
    /// A filter matched off the UI thread landed: shown unless the filter or the rows changed meanwhile, with the rows
    /// that learnt something meanwhile; the cursor on the first row when typing, else on the row it was on.
    /// </summary>
    private void Landed(FilterScan<TRow> scan, RowSubset<TRow>? shown)
    {
        if (scan != _scan)
        {
            return;
        }

        _scan = null;
        shown ??= FilterScan<TRow>.Match(scan.Filter, Rows, scan.Origin);
        scan.AddLearnt(shown);
        _kept.Keep(scan.Filter, shown);
        var keep = scan.ResetSelection ? null : Selected;
        Shown = shown;
        Show(keep is null ? 0 : Math.Max(0, IndexOf(keep)));
        if (scan.Select is { } select)
        {
            Select(select);
        }

        if (scan.Again)
        {
            _kept.Clear();
            Refill(resetSelection: false);
        }
    }

    private int IndexOf(TRow row)
    {
        for (int i = 0; i < Shown.Count; i++)
        {
            if (IsSameRow(Shown[i], row))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The rows one step from the selection (below it, then above it): read ahead by the screens with a preview, so a
    /// step shows its row whole at once and its frame is forecast whole (<see cref="ISelectionFollower"/>).
    /// </summary>
    protected IEnumerable<TRow> Neighbours()
    {
        int selected = List.SelectedItem ?? 0;
        return new[] { selected + 1, selected - 1 }.Where(i => i >= 0 && i < Shown.Count).Select(i => Shown[i]);
    }

    /// <summary>Where in <see cref="ShownFrom"/> the shown row at <paramref name="index"/> is.</summary>
    protected int PositionInRows(int index) => Shown is RowSubset<TRow> subset ? subset.PositionOf(index) : index;

    /// <summary>
    /// The rows at <paramref name="positions"/> of <see cref="Rows"/> learnt something the filter matches (a row only
    /// ever gains matches this way): each filter result typed so far takes those that match now, in their place, the
    /// cursor staying on its row. Costs the rows that learnt, not every row.
    /// </summary>
    protected void RowsLearnt(IReadOnlyCollection<int> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        _scan?.Learnt(positions);
        int? selected = List.SelectedItem;
        if (_kept.AddLearnt(Rows, positions, Shown, ref selected))
        {
            Show(selected ?? 0);
            return;
        }

        // Only what the rows say changed (and the heading's progress note): redraw, nothing to filter.
        View.ShowHeading(HeadingText());
        UpdateInfo();
        List.SetNeedsDraw();
    }

    private string HeadingText()
    {
        if (Loading)
        {
            return $"{Caption}  (loading…)";
        }

        if (Matching)
        {
            return $"{Caption}  (matching {CountText.Of(Rows.Count, Noun)}…, filter: {Filter}{FilterNote})";
        }

        var counts = Shown.Count == Rows.Count
            ? CountText.Of(Rows.Count, Noun)
            : string.Create(CultureInfo.InvariantCulture, $"{Shown.Count} of {CountText.Of(Rows.Count, Noun)}");
        return Filter.Length > 0 ? $"{Caption}  ({counts}, filter: {Filter}{FilterNote})" : $"{Caption}  ({counts})";
    }

    /// <summary>Said after the filter in the heading (e.g. that more rows may still match).</summary>
    protected virtual string FilterNote => "";

    protected override bool PerformOwn(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Filter:
                OpenInput("/", Filter, new InputRequest(
                    text =>
                    {
                        Filter = text;
                        Refill(resetSelection: true);
                    },
                    _ => { },
                    () =>
                    {
                        Filter = "";
                        Refill(resetSelection: false);
                    }));
                OnFilterOpened();
                return true;
            case TuiAction.Back when Filter.Length > 0:
                Filter = "";
                Refill(resetSelection: false);
                return true;
            default:
                return PerformRow(action);
        }
    }

    /// <summary>The filter line was opened (a panel may start loading what the filter also matches).</summary>
    protected virtual void OnFilterOpened()
    {
    }

    /// <summary>The screen's keys beyond the filter.</summary>
    protected abstract bool PerformRow(TuiAction action);
}
