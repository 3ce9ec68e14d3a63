using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// Job History: every job, the latest activity first (s sorts by start time), unreadable ones flagged, and the
/// selected job's preview beside or below the list. Enter resumes, c opens checkpoints, d deletes. The rows' first
/// queries are read in the background (HistoryController.Queries.cs).
/// </summary>
internal sealed partial class HistoryController(IWorkbenchShell shell) : ListController<JobRow>(shell, KeyMap.History, withPreview: true), IHistoryRows
{
    private readonly JobActions _actions = new(shell);
    private Task<IReadOnlyList<Job>?>? _earlyCachedHead = shell.Services.EarlyCachedHead;
    private readonly JobQueries _queries = new(new FirstQueryReader(shell.Services.Events, shell.Services.RunSettings));
    private readonly SelectedJobPreview _preview = new(shell.Work, new JobPreview(shell.Services.Checkpoints, new FirstQueryReader(shell.Services.Events, shell.Services.RunSettings)));

    public override Screen Screen => Screen.History;

    /// <summary>Whether the rows are sorted by start time (else by last activity, the default).</summary>
    public bool SortedByStart { get; private set; }

    protected override string Caption => SortedByStart ? "Job History, by start time" : "Job History";

    protected override string Noun => "job";

    public JobId? SelectedJobId => Selected?.Job?.Id;

    private long Now => Shell.Services.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override RowSource<JobRow> SourceOf(IReadOnlyList<JobRow> rows)
    {
        var words = FuzzyMatch.Words(Filter);
        long now = Now;
        // A row's first query is read after the row is made (the rest of a row does not change): its layout is kept until then.
        return new(rows, r => r.Suffix.Length == 0 ? r.Text : $"{r.Text}  {r.Suffix}", (r, width) => r.Layout(width, words, now), r => r.Query);
    }

    /// <summary>
    /// Loads the job list off the UI thread (see <see cref="HistoryLoad"/>: the first load shows the store's cached
    /// listing first); with <paramref name="fallBackToExperts"/> an empty store opens the experts. <paramref name="listed"/>
    /// runs on the UI thread once the checked listing has landed (or failed).
    /// </summary>
    public void Load(bool fallBackToExperts = false, JobId? select = null, Action? listed = null)
    {
        int version = BeginLoad();
        Refill(resetSelection: false);
        var load = new HistoryLoad(Shell, this, _queries.Known, version, fallBackToExperts, select, listed);
        if (Rows.Count > 0)
        {
            load.Reload();
            return;
        }

        load.CachedFirst(TakeEarlyCachedHead());
    }

    /// <summary>The cached listing's head the workbench started reading before the terminal was set up (the first load only).</summary>
    private Task<IReadOnlyList<Job>?>? TakeEarlyCachedHead()
    {
        var early = _earlyCachedHead;
        _earlyCachedHead = null;
        return early;
    }

    bool IHistoryRows.IsLatest(int version) => IsLatest(version);

    void IHistoryRows.ShowCached(IReadOnlyList<JobRow> rows, JobId? keep)
    {
        SetRows(rows, resetSelection: keep is null);
        SelectJob(keep);
    }

    void IHistoryRows.ShowListed(IReadOnlyList<JobRow> rows, JobId? keep, bool fallBackToExperts)
    {
        EndLoad();
        if (fallBackToExperts && rows.Count == 0 && Shell.Screen == Screen.History)
        {
            SetRows(rows, resetSelection: true);
            Shell.ShowExperts();
            return;
        }

        SetRows(rows, resetSelection: keep is null);
        SelectJob(keep);
        if (Filter.Length > 0)
        {
            FillQueries();
        }
    }

    void IHistoryRows.Fail(int version, Exception error) => Fail(version, error);

    private void SelectJob(JobId? id)
    {
        if (id is { } wanted)
        {
            Select(r => r.Job?.Id == wanted);
        }
    }

    protected override void Reload() => Load(select: SelectedJobId);

    /// <summary>The same job (a cached row and the checked listing's are different rows), or the same unreadable folder.</summary>
    protected override bool IsSameRow(JobRow a, JobRow b) =>
        a.Job is { } x ? b.Job is { } y && x.Id == y.Id : b.Job is null && a.Problem?.Path == b.Problem?.Path;

    /// <summary>
    /// Puts the rows in the order asked for, the cursor staying on its job. Over more than
    /// <see cref="ListController{TRow}.ScanOnUiThread"/> rows the sort runs off the UI thread: it reads every row, and
    /// over the cached rows that makes each one (100,000 of them). A sort that lands after the rows were replaced (a
    /// load sorts them itself) or after s was pressed again is dropped.
    /// </summary>
    private void Sort(bool byStart)
    {
        var rows = Rows;
        if (rows.Count <= ScanOnUiThread)
        {
            ShowSorted(JobRowOrder.Sorted(rows, byStart), byStart);
            return;
        }

        Shell.SetMessage(byStart ? "Sorting by start time…" : "Sorting by last activity…");
        Shell.Work.Run(
            () => Task.FromResult(JobRowOrder.Sorted(rows, byStart)),
            sorted =>
            {
                if (ReferenceEquals(Rows, rows) && SortedByStart == byStart)
                {
                    ShowSorted(sorted, byStart);
                }
            },
            e => Shell.SetMessage($"Could not sort the jobs: {e.Message}"));
    }

    private void ShowSorted(IReadOnlyList<JobRow> sorted, bool byStart)
    {
        var selected = SelectedJobId;
        SetRows(sorted, resetSelection: selected is null);
        if (selected is { } id)
        {
            Select(r => r.Job?.Id == id);
        }

        Shell.SetMessage(byStart ? "Sorted by start time (s: by last activity)" : "Sorted by last activity (s: by start time)");
    }

    protected override string Describe()
    {
        if (Shown.Count == 0)
        {
            return Loading || Matching ? "" : Filter.Length > 0 ? "No job matches the filter." : "No jobs found. Press n to start a new job.";
        }

        return Describe(Selected);
    }

    private string Describe(JobRow? row) => row switch
    {
        { Job: { } job } => $"{job.Id} · {StatusMarkers.Label(row.Status)} · {TimeFormat.Ago(job.LastActivityAt, Now)} · {HistoryRows.Tokens(job.Usage)}",
        { Problem: { } problem } => $"Unreadable: {problem.Path}: {problem.Reason}",
        _ => "",
    };

    /// <summary>The info line and the preview for another row, as a move to it shows them at once.</summary>
    protected override SelectionText? ShownFor(int item) => item >= 0 && item < Shown.Count
        ? new SelectionText(Describe(Shown[item]), _preview.Text(Shown[item], Now))
        : null;

    protected override bool PerformRow(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when SelectedJob() is { } job:
                Resume(job);
                return true;
            case TuiAction.Checkpoints when SelectedJob() is { } job:
                Shell.ShowCheckpoints(job);
                return true;
            case TuiAction.NewRun:
                Shell.ShowExperts();
                return true;
            case TuiAction.Delete when SelectedJob() is { } job:
                _actions.Delete(job, () => Load());
                return true;
            case TuiAction.Rename when SelectedJob() is { } job:
                _actions.Rename(job, View, id => Load(select: id));
                return true;
            case TuiAction.Export when SelectedJob() is { } job:
                _actions.Export(job, View);
                return true;
            case TuiAction.Sort:
                SortedByStart = !SortedByStart;
                Sort(SortedByStart);
                return true;
            case TuiAction.Back:
                Shell.SetMessage("Press q to quit");
                return true;
            default:
                return true;
        }
    }

    /// <summary>Shows the selected job in the preview: what the row knows at once, the rest once read.</summary>
    protected override void ShowPreview()
    {
        if (Selected is { Job: { } job } row)
        {
            if (job.Status == JobStatus.Running)
            {
                _actions.Running.Listed(job.Id, row.Status == "running");
            }

            _actions.Running.Refresh(job, RefreshHints); // whether t and d are offered
        }

        if (View.Preview is not { } pane)
        {
            return;
        }

        FillQueriesAround(List.SelectedItem ?? 0);
        _preview.Show(pane, Selected, () => Selected, () => Now, Neighbours(), FollowersChanged);
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() => SelectedJob() is { } job
        ? [new("job id", job.Id.ToString()), new("command", ResumeCommand.Of(job.CoordinatorExpertKey, job.Id, null, Shell.Services.ResumeFlags))]
        : [];

    public override bool IsAvailable(TuiAction action) => action switch
    {
        TuiAction.Open or TuiAction.Checkpoints or TuiAction.Copy or TuiAction.Export => Selected?.Job is not null,
        TuiAction.Delete => Selected?.Job is { } job && _actions.CanDelete(job),
        TuiAction.Rename => Selected?.Job is { } job && _actions.CanRename(job),
        _ => true,
    };

    /// <summary>The selected readable job; an unreadable one says why.</summary>
    private Job? SelectedJob()
    {
        var row = Selected;
        if (row is { Job: null, Problem: { } problem })
        {
            Shell.SetMessage($"This job cannot be read: {problem.Reason}");
        }

        return row?.Job;
    }

    /// <summary>Enter: query entry from the job's latest checkpoint (or without one when they cannot be read).</summary>
    private void Resume(Job job)
    {
        Shell.SetMessage($"Loading the latest checkpoint of {job.Id}…");
        var store = Shell.Services.Checkpoints;
        int version = BeginLoad();
        Shell.Work.Run(
            async () => await store.ListAsync(job.Id).ConfigureAwait(false),
            listing =>
            {
                EndLoad();
                if (!IsLatest(version) || Shell.Screen != Screen.History)
                {
                    return;
                }

                Shell.SetMessage("");
                var latest = CheckpointTree.Latest(listing.Items);
                Shell.OpenQuery(
                    latest?.Expert.Key ?? job.CoordinatorExpertKey,
                    latest is null ? null : new ResumePoint(job.Id, latest.Id, latest.StepNumber, latest.Status == CheckpointStatus.StoppedByInteractiveTool),
                    Screen.History);
            },
            e =>
            {
                EndLoad();
                Shell.OpenQuery(job.CoordinatorExpertKey, null, Screen.History);
                Shell.SetMessage($"Cannot load the checkpoints of {job.Id}: {e.Message}");
            });
    }
}
