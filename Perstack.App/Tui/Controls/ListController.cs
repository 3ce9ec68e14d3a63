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
    private string? _shownFor;

    // The results of the shorter filters typed on the way to the current one: Backspace goes back to them at once.
    private readonly Stack<(string Filter, IReadOnlyList<TRow> Shown)> _narrowed = new();

    protected ListController(IWorkbenchShell shell, IReadOnlyList<KeyBind> keys, bool withPreview = false)
        : base(shell, keys, withPreview)
    {
    }

    public string Filter { get; private set; } = "";

    /// <summary>Every loaded row.</summary>
    protected IReadOnlyList<TRow> Rows { get; private set; } = [];

    /// <summary>The rows the filter lets through, as drawn.</summary>
    protected IReadOnlyList<TRow> Shown { get; private set; } = [];

    protected TRow? Selected => List.SelectedItem is { } i && i >= 0 && i < Shown.Count ? Shown[i] : null;

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
        Rows = rows;
        _shownFor = null;
        _narrowed.Clear();
        Refill(resetSelection);
    }

    /// <summary>Selects the first row matching <paramref name="match"/>, if any.</summary>
    protected void Select(Func<TRow, bool> match)
    {
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
        Shown = Narrow();
        _shownFor = Filter;
        List.Source = SourceOf(Shown);
        View.ShowHeading(HeadingText());
        int count = Shown.Count;
        List.SelectedItem = count == 0 ? null : resetSelection || previous is null ? 0 : Math.Min(previous.Value, count - 1);
        UpdateInfo();
        View.SetNeedsDraw();
    }

    /// <summary>The filtered rows; a longer filter narrows the rows already shown instead of all rows.</summary>
    private IReadOnlyList<TRow> Narrow()
    {
        if (Filter.Length == 0)
        {
            return Rows;
        }

        while (_narrowed.TryPeek(out var top) && !Filter.StartsWith(top.Filter, StringComparison.OrdinalIgnoreCase))
        {
            _narrowed.Pop();
        }

        if (_narrowed.TryPeek(out var same) && same.Filter.Length == Filter.Length)
        {
            return same.Shown;
        }

        var from = _shownFor is { Length: > 0 } && Filter.StartsWith(_shownFor, StringComparison.OrdinalIgnoreCase) ? Shown : Rows;
        var filter = Filter;
        var shown = from.Where(r => r.Matches(filter)).ToList();
        _narrowed.Push((filter, shown));
        return shown;
    }

    private string HeadingText()
    {
        if (Loading)
        {
            return $"{Caption}  (loading…)";
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
