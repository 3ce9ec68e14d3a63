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
/// selected job's preview beside or below the list. Enter resumes, c opens checkpoints, d deletes.
/// </summary>
internal sealed class HistoryController(IWorkbenchShell shell) : ListController<JobRow>(shell, KeyMap.History, withPreview: true)
{
    private const int QueriesAround = 60;
    private static readonly TimeSpan DrawWait = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the first load waits for the cached listing's head read early before it draws "loading…" instead.</summary>
    private static readonly TimeSpan EarlyCachedHeadWait = TimeSpan.FromMilliseconds(300);
    private readonly JobActions _actions = new(shell);
    private Task<IReadOnlyList<Job>?>? _earlyCachedHead = shell.Services.EarlyCachedHead;
    private readonly JobQueries _queries = new(new FirstQueryReader(shell.Services.Events, shell.Services.RunSettings));
    private readonly PreviewLoader<JobId, JobPreview.Details> _previews = new(shell.Work);
    private readonly JobPreview _preview = new(shell.Services.Checkpoints, new FirstQueryReader(shell.Services.Events, shell.Services.RunSettings));

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
        return new(rows, r => r.Suffix.Length == 0 ? r.Text : $"{r.Text}  {r.Suffix}", (r, width) => r.Layout(width, words, now));
    }

    /// <summary>Unreadable jobs first (by path), then the latest activity (or start) first; ties by id, so the order is stable.</summary>
    /// <remarks>One <see cref="List{T}.Sort(Comparison{T})"/> with no key objects: at 100,000 rows it is on the way to the first frame.</remarks>
    private List<JobRow> Sorted(IEnumerable<JobRow> rows)
    {
        bool byStart = SortedByStart;
        var sorted = rows.ToList();
        sorted.Sort((a, b) => (a.Job, b.Job) switch
        {
            (null, null) => string.CompareOrdinal(a.Problem?.Path, b.Problem?.Path),
            (null, _) => -1,
            (_, null) => 1,
            var (x, y) => byStart ? JobOrder.NewestStartFirst(x, y) : JobOrder.LatestActivityFirst(x, y),
        });
        return sorted;
    }

    /// <summary>
    /// Loads the job list off the UI thread; with <paramref name="fallBackToExperts"/> an empty store opens the experts.
    /// The first load shows the store's cached listing first (one file read, in the default order already, each row
    /// made when drawn: <see cref="CachedJobRows"/>), so rows are on screen at once even at 100,000 jobs; the checked
    /// listing starts once they are drawn and replaces them, the cursor staying on its job. <paramref name="listed"/>
    /// runs on the UI thread once the checked listing has landed (or failed).
    /// </summary>
    public void Load(bool fallBackToExperts = false, JobId? select = null, Action? listed = null)
    {
        int version = BeginLoad();
        Refill(resetSelection: false);
        if (Rows.Count > 0)
        {
            LoadListing(version, fallBackToExperts, select, keepCursor: false, listed);
            return;
        }

        var locks = Shell.Services.Locks;
        var store = Shell.Services.Jobs;
        // Rows of the cache; once they are drawn, `next` (the listing that replaces them) starts: earlier, it (statx of
        // every job.json on every core, or reading the whole index, and its allocations) would compete with drawing them.
        void ShowCached(IReadOnlyList<JobRow>? rows, bool keepCursor, Action next)
        {
            if (!IsLatest(version))
            {
                return;
            }

            if (rows is not { Count: > 0 })
            {
                LoadListing(version, fallBackToExperts, select, keepCursor, listed);
                return;
            }

            var keep = keepCursor ? SelectedJobId ?? select : select;
            SetRows(rows, resetSelection: keep is null);
            SelectJob(keep);
            AfterRowsDrawn(next);
        }

        void LoadCached(bool keepCursor) => Shell.Work.Run(
            async () => await store.ListCachedAsync().ConfigureAwait(false) is { } jobs ? CachedRows(jobs, locks) : null,
            rows => ShowCached(rows, keepCursor, () => LoadListing(version, fallBackToExperts, select, keepCursor: true, listed)),
            _ => LoadListing(version, fallBackToExperts, select, keepCursor, listed)); // only a cache: the listing decides

        // The head of the cached listing, read while the terminal was set up: a moment's wait for it here puts a
        // screenful of rows in the first frame (drawing an empty frame first would take the main thread for as long).
        // Once that frame is out the whole cached listing follows, the cursor staying on its job, then the checked listing.
        if (TakeEarlyCachedHead() is { } early
            && ((IAsyncResult)early).AsyncWaitHandle.WaitOne(EarlyCachedHeadWait)
            && early.IsCompletedSuccessfully
            && early.Result is { Count: > 0 } head)
        {
            ShowCached(CachedRows(head, locks), keepCursor: false, () => LoadCached(keepCursor: true));
            return;
        }

        LoadCached(keepCursor: false);
    }

    /// <summary>The cached listing's head the workbench started reading before the terminal was set up (the first load only).</summary>
    private Task<IReadOnlyList<Job>?>? TakeEarlyCachedHead()
    {
        var early = _earlyCachedHead;
        _earlyCachedHead = null;
        return early;
    }

    /// <summary>Runs <paramref name="start"/> once the list's frame is out (or after a moment, should it not draw: another screen shows).</summary>
    private void AfterRowsDrawn(Action start)
    {
        int started = 0;
        void Once()
        {
            if (Interlocked.Exchange(ref started, 1) == 0)
            {
                List.DrawComplete -= OnDrawn;
                start();
            }
        }

        // Posted: the frame is written to the terminal after the views have drawn, in the same iteration of the main loop.
        var dispatcher = Shell.Work.Dispatcher;
        void OnDrawn(object? sender, DrawEventArgs e) => dispatcher.Post(Once);
        List.DrawComplete += OnDrawn;
        _ = Task.Delay(DrawWait).ContinueWith(_ => dispatcher.Post(Once), TaskScheduler.Default);
    }

    /// <summary>The cached jobs as rows: as they come when sorted by last activity (the cache's order), else sorted.</summary>
    private IReadOnlyList<JobRow> CachedRows(IReadOnlyList<Job> cached, IJobLocks locks)
    {
        var rows = new CachedJobRows(cached, locks, _queries.Known);
        return SortedByStart ? Sorted(rows) : rows;
    }

    /// <summary>The checked listing; it replaces the rows shown, selecting <paramref name="select"/> or, with <paramref name="keepCursor"/>, the job the cursor is on.</summary>
    private void LoadListing(int version, bool fallBackToExperts, JobId? select, bool keepCursor, Action? listed)
    {
        var jobs = Shell.Services.Jobs;
        var locks = Shell.Services.Locks;
        var queries = _queries.Known;
        Shell.Work.Run(
            async () =>
            {
                var listing = await jobs.ListAsync().ConfigureAwait(false);
                return Sorted(listing.Problems.Select(p => new JobRow(null, "corrupt", p))
                    .Concat(listing.Items.Select(j => new JobRow(j, JobStatusText.Of(j, locks), null) { Queries = queries })));
            },
            rows =>
            {
                listed?.Invoke();
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                if (fallBackToExperts && rows.Count == 0 && Shell.Screen == Screen.History)
                {
                    SetRows(rows, resetSelection: true);
                    Shell.ShowExperts();
                    return;
                }

                var keep = keepCursor ? SelectedJobId ?? select : select;
                SetRows(rows, resetSelection: keep is null);
                SelectJob(keep);
                if (Filter.Length > 0)
                {
                    FillQueries();
                }
            },
            e =>
            {
                listed?.Invoke();
                Fail(version, e);
            });
    }

    private void SelectJob(JobId? id)
    {
        if (id is { } wanted)
        {
            Select(r => r.Job?.Id == wanted);
        }
    }

    protected override void Reload() => Load(select: SelectedJobId);

    protected override string FilterNote => _queries.Progress;

    protected override void OnFilterOpened() => FillQueries();

    /// <summary>Reads the first queries of the rows around <paramref name="index"/> (what the list shows), for the rows' "what it was about".</summary>
    private void FillQueriesAround(int index)
    {
        if (Shown.Count == 0 || _queries.IsFilling)
        {
            return;
        }

        int from = Math.Max(0, index - QueriesAround);
        int to = Math.Min(Shown.Count, index + (2 * QueriesAround));
        if (Enumerable.Range(from, to - from).All(i => Shown[i].Job is not { } job || _queries.Knows(job.Id)))
        {
            return;
        }

        FillQueries(Enumerable.Range(from, to - from).Select(PositionInRows).ToList());
    }

    /// <summary>Reads the jobs' first queries in the background.</summary>
    private void FillQueries() => FillQueries(Enumerable.Range(0, Rows.Count));

    /// <summary>
    /// Reads the first queries of the rows at <paramref name="positions"/>; each batch shows the rows that now match
    /// the filter, in their place (the rows were replaced meanwhile, by a reload: filtered again, keeping the selection).
    /// </summary>
    private void FillQueries(IEnumerable<int> positions)
    {
        var rows = Rows;
        _queries.Fill(rows, positions, Shell.Work, learnt =>
        {
            if (ReferenceEquals(rows, Rows))
            {
                RowsLearnt(learnt);
                return;
            }

            var selected = SelectedJobId;
            SetRows(Rows, resetSelection: false);
            SelectJob(selected);
        });
    }

    protected override string Describe()
    {
        if (Shown.Count == 0)
        {
            return Loading ? "" : Filter.Length > 0 ? "No job matches the filter." : "No jobs found. Press n to start a new job.";
        }

        return Selected switch
        {
            { Job: { } job } row => $"{job.Id} · {StatusMarkers.Label(row.Status)} · {TimeFormat.Ago(job.LastActivityAt, Now)} · {HistoryRows.Tokens(job.Usage)}",
            { Problem: { } problem } => $"Unreadable: {problem.Path}: {problem.Reason}",
            _ => "",
        };
    }

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
                var selected = SelectedJobId;
                SetRows(Sorted(Rows), resetSelection: selected is null);
                if (selected is { } id)
                {
                    Select(r => r.Job?.Id == id);
                }

                Shell.SetMessage(SortedByStart ? "Sorted by start time (s: by last activity)" : "Sorted by last activity (s: by start time)");
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
        if (View.Preview is not { } pane)
        {
            return;
        }

        FillQueriesAround(List.SelectedItem ?? 0);
        var row = Selected;
        if (row?.Job is not { } job)
        {
            pane.Show(row is null ? "" : JobPreview.Format(row, null, Now));
            return;
        }

        long stamp = job.LastActivityAt ^ job.TotalSteps;
        var known = _previews.Get(job.Id, stamp);
        pane.Show(JobPreview.Format(row, known, Now));
        if (known is null)
        {
            var preview = _preview;
            _previews.Load(job.Id, stamp, () => preview.LoadAsync(job), () =>
            {
                if (Selected is { Job: { } now } current && now.Id == job.Id)
                {
                    pane.Show(JobPreview.Format(current, _previews.Get(job.Id, stamp), Now));
                }
            });
        }
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
