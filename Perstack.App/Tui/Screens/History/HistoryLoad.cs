using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// One load of the Job History, off the UI thread. The first one (no rows shown yet) is cached-first, so rows are on
/// screen at once even at 100,000 jobs: the head of the store's cached listing, read while the terminal was set up,
/// puts a screenful of rows in the first frame; once drawn, the whole cached listing follows (one file read, in the
/// default order already, each row made when drawn: <see cref="CachedJobRows"/>); once that is drawn, the checked
/// listing replaces it. The cursor stays on its job throughout. A reload goes to the checked listing at once.
/// </summary>
/// <param name="version">The screen's load version: results are dropped once a newer load started.</param>
/// <param name="select">The job to select (else the first row, or the job the cursor is on once rows show).</param>
/// <param name="listed">Runs on the UI thread once the checked listing has landed (or failed).</param>
internal sealed class HistoryLoad(IWorkbenchShell shell, IHistoryRows screen, KnownQueries queries, int version, bool fallBackToExperts, JobId? select, Action? listed)
{
    /// <summary>How long the first load waits for the cached listing's head read early before it draws "loading…" instead.</summary>
    private static readonly TimeSpan EarlyCachedHeadWait = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a step waits for the rows' frame before the next step starts anyway (another screen shows).</summary>
    private static readonly TimeSpan DrawWait = TimeSpan.FromMilliseconds(250);

    /// <summary>A reload: the checked listing replaces the rows shown.</summary>
    public void Reload() => LoadListing(keepCursor: false);

    /// <summary>The first load: <paramref name="earlyCachedHead"/> (if any, and in time), the cached listing, then the checked listing.</summary>
    public void CachedFirst(Task<IReadOnlyList<Job>?>? earlyCachedHead)
    {
        // The head of the cached listing, read while the terminal was set up: a moment's wait for it here puts a
        // screenful of rows in the first frame (drawing an empty frame first would take the main thread for as long).
        // Once that frame is out the whole cached listing follows, the cursor staying on its job, then the checked listing.
        if (earlyCachedHead is { } early
            && ((IAsyncResult)early).AsyncWaitHandle.WaitOne(EarlyCachedHeadWait)
            && early.IsCompletedSuccessfully
            && early.Result is { Count: > 0 } head)
        {
            ShowCached(CachedRows(head), keepCursor: false, () => LoadCached(keepCursor: true));
            return;
        }

        LoadCached(keepCursor: false);
    }

    private void LoadCached(bool keepCursor)
    {
        var store = shell.Services.Jobs;
        shell.Work.Run(
            async () => await store.ListCachedAsync().ConfigureAwait(false) is { } jobs ? CachedRows(jobs) : null,
            rows => ShowCached(rows, keepCursor, () => LoadListing(keepCursor: true)),
            _ => LoadListing(keepCursor)); // only a cache: the listing decides
    }

    /// <summary>
    /// Rows of the cache; once they are drawn, <paramref name="next"/> (what replaces them) starts: earlier, the checked
    /// listing (statx of every job.json on every core, or reading the whole index, and its allocations) would compete
    /// with drawing them.
    /// </summary>
    private void ShowCached(IReadOnlyList<JobRow>? rows, bool keepCursor, Action next)
    {
        if (!screen.IsLatest(version))
        {
            return;
        }

        if (rows is not { Count: > 0 })
        {
            LoadListing(keepCursor);
            return;
        }

        screen.ShowCached(rows, Keep(keepCursor));
        AfterRowsDrawn(next);
    }

    private JobId? Keep(bool keepCursor) => keepCursor ? screen.SelectedJobId ?? select : select;

    /// <summary>Runs <paramref name="start"/> once the list's frame is out (or after a moment, should it not draw: another screen shows).</summary>
    private void AfterRowsDrawn(Action start)
    {
        int started = 0;
        var list = screen.List;
        void Once()
        {
            if (Interlocked.Exchange(ref started, 1) == 0)
            {
                list.DrawComplete -= OnDrawn;
                start();
            }
        }

        // Posted: the frame is written to the terminal after the views have drawn, in the same iteration of the main loop.
        var dispatcher = shell.Work.Dispatcher;
        void OnDrawn(object? sender, DrawEventArgs e) => dispatcher.Post(Once);
        list.DrawComplete += OnDrawn;
        _ = Task.Delay(DrawWait).ContinueWith(_ => dispatcher.Post(Once), TaskScheduler.Default);
    }

    /// <summary>The cached jobs as rows: as they come when sorted by last activity (the cache's order), else sorted.</summary>
    private IReadOnlyList<JobRow> CachedRows(IReadOnlyList<Job> cached)
    {
        var rows = new CachedJobRows(cached, shell.Services.Locks, queries);
        return screen.SortedByStart ? JobRowOrder.Sorted(rows, byStart: true) : rows;
    }

    /// <summary>The checked listing; it replaces the rows shown, selecting <c>select</c> or, with <paramref name="keepCursor"/>, the job the cursor is on.</summary>
    private void LoadListing(bool keepCursor)
    {
        var jobs = shell.Services.Jobs;
        var locks = shell.Services.Locks;
        shell.Work.Run(
            async () =>
            {
                var listing = await jobs.ListAsync().ConfigureAwait(false);
                return JobRowOrder.Sorted(
                    listing.Problems.Select(p => new JobRow(null, "corrupt", p))
                        .Concat(listing.Items.Select(j => new JobRow(j, JobStatusText.Of(j, locks), null) { Queries = queries })),
                    screen.SortedByStart);
            },
            rows =>
            {
                listed?.Invoke();
                if (screen.IsLatest(version))
                {
                    screen.ShowListed(rows, Keep(keepCursor), fallBackToExperts);
                }
            },
            e =>
            {
                listed?.Invoke();
                screen.Fail(version, e);
            });
    }
}
