using Perstack.Core.Text;
using System.Globalization;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Search;

namespace Perstack.App.Tui.Screens.Search;

/// <summary>
/// Full-text search (Ctrl+F): the query line runs a search on every change, off the UI thread (a newer keystroke
/// cancels the older search), over what the index holds; the index is brought up to date in the background meanwhile
/// and the results follow it. Enter on a hit opens its job's checkpoints at the checkpoint that wrote the line.
/// </summary>
internal sealed class SearchController(IWorkbenchShell shell) : BrowserController(shell, KeyMap.Search)
{
    /// <summary>The most hits listed (the heading says how many jobs matched in all).</summary>
    public const int Limit = 200;

    private SearchResults _results = SearchResults.None(new SearchIndexStatus(0, 0, Building: false));

    // The words the shown results were found for: their rows mark them.
    private IReadOnlyList<string> _resultTerms = [];
    private Action? _cancelSearch;
    private int _searchVersion;
    private bool _searchRunning;
    private bool _searchAgain;

    public override Screen Screen => Screen.Search;

    /// <summary>The query as typed.</summary>
    public string Query { get; private set; } = "";

    private SearchIndexStatus IndexStatus => Shell.Services.Search.Status;

    private SearchHit? Selected => List.SelectedItem is { } i && i >= 0 && i < _results.Hits.Count ? _results.Hits[i] : null;

    public override void Enter()
    {
        base.Enter();
        EditQuery();
        var search = Shell.Services.Search;
        var progress = new UiProgress<SearchIndexStatus>(Shell.Work.Dispatcher, _ => Run());
        Shell.Work.Run(() => search.RefreshAsync(progress), _ => Run(), e => Shell.SetMessage($"Cannot index the history: {e.Message.ReplaceLineEndings(" ")}"));
        Run();
    }

    public override void Refill(bool resetSelection)
    {
        var previous = List.SelectedItem;
        var terms = _resultTerms;
        List.Source = new RowSource<SearchHit>(_results.Hits, SearchRow.Text, (hit, _) => SearchRow.Segments(hit, terms));
        View.ShowHeading(Heading());
        int count = _results.Hits.Count;
        List.SelectedItem = count == 0 ? null : resetSelection || previous is null ? 0 : Math.Min(previous.Value, count - 1);
        UpdateInfo();
        View.SetNeedsDraw();
    }

    public override bool IsAvailable(TuiAction action) => action switch
    {
        TuiAction.Open or TuiAction.Copy => Selected is not null,
        _ => true,
    };

    protected override bool PerformOwn(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when Selected is { } hit:
                Open(hit);
                return true;
            case TuiAction.Filter:
                EditQuery();
                return true;
            case TuiAction.Back:
                Shell.ShowHistory();
                return true;
            default:
                return true;
        }
    }

    protected override void Reload() => Enter();

    protected override string Describe()
    {
        if (Query.Trim().Length == 0)
        {
            return "Type to search the text of every job's messages and tool results";
        }

        return Selected is { } hit
            ? $"{hit.JobId} · step {hit.StepNumber} ({hit.CheckpointId}){(hit.Title is { Length: > 0 } title ? $" · {title}" : "")}"
            : _results.Status.Building ? "No match yet: still reading the history…" : "No job holds every word of the query.";
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() => Selected is { } hit
        ?
        [
            new("job id", hit.JobId.ToString()),
            new("checkpoint id", hit.CheckpointId.ToString()),
            new("command", ResumeCommand.Of(hit.ExpertKey, hit.JobId, hit.CheckpointId, Shell.Services.ResumeFlags)),
        ]
        : [];

    private void EditQuery() => OpenInput("Search: ", Query, new InputRequest(
        text =>
        {
            Query = text;
            Run();
        },
        _ => { },
        () => Shell.ShowHistory()));

    /// <summary>
    /// Searches for the current query in the background. While one search runs, later requests are folded into one
    /// that starts when it ends (a keystroke also cancels the running search: its query is already stale).
    /// </summary>
    private void Run()
    {
        if (_searchRunning)
        {
            _searchAgain = true;
            _cancelSearch?.Invoke();
            return;
        }

        var query = SearchQuery.Parse(Query);
        int version = ++_searchVersion;
        var cancellation = new CancellationTokenSource();
        var token = cancellation.Token;
        var search = Shell.Services.Search;
        _searchRunning = true;
        _cancelSearch = cancellation.Cancel;
        Shell.Work.Run(
            () => Task.FromResult(query.IsEmpty ? SearchResults.None(search.Status) : search.Search(query, Limit, token)),
            results => Finish(version, results, query.Terms, cancellation),
            _ => Finish(version, null, [], cancellation));
    }

    private void Finish(int version, SearchResults? results, IReadOnlyList<string> terms, CancellationTokenSource cancellation)
    {
        _cancelSearch = null;
        cancellation.Dispose();
        _searchRunning = false;
        if (results is not null && version == _searchVersion)
        {
            _results = results;
            _resultTerms = terms;
            Refill(resetSelection: true);
        }

        if (_searchAgain)
        {
            _searchAgain = false;
            Run();
        }
    }

    private string Heading()
    {
        var status = IndexStatus;
        var index = status.Building
            ? string.Create(CultureInfo.InvariantCulture, $"reading the history {status.Indexed}/{status.Total}…")
            : $"{CountText.Of(status.Indexed, "job")} indexed";
        if (Query.Trim().Length == 0)
        {
            return $"Search  ({index})";
        }

        var matches = _results.MatchCount > _results.Hits.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{_results.MatchCount} jobs match, best {_results.Hits.Count} shown")
            : $"{CountText.Of(_results.MatchCount, "job")} {(_results.MatchCount == 1 ? "matches" : "match")}";
        return $"Search  ({matches}; {index})";
    }

    /// <summary>Opens the hit's job at the checkpoint that wrote the line.</summary>
    private void Open(SearchHit hit)
    {
        var jobs = Shell.Services.Jobs;
        Shell.Work.Run(
            async () => await jobs.GetAsync(hit.JobId).ConfigureAwait(false),
            job =>
            {
                if (job is null)
                {
                    Shell.SetMessage($"Job {hit.JobId} is gone");
                    return;
                }

                Shell.ShowCheckpoints(job, hit.CheckpointId);
            },
            e => Shell.SetMessage($"Cannot open job {hit.JobId}: {e.Message.ReplaceLineEndings(" ")}"));
    }
}
