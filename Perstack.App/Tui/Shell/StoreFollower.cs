namespace Perstack.App.Tui.Shell;

/// <summary>
/// Keeps the workbench in step with the store on disk: watches the jobs folder once the first listing has landed,
/// and keeps the search index fresh once search has been opened. What a change means for the screen showing (the
/// history reloads) is <paramref name="storeChanged"/>'s to say.
/// </summary>
internal sealed class StoreFollower(WorkbenchServices services, UiWork work, Action storeChanged) : IDisposable
{
    private StoreWatcher? _watcher;
    private bool _watching;
    private bool _searchOpened;

    /// <summary>
    /// Watches the store once the first listing has landed: watching subfolders adds one inotify watch per job folder
    /// (seconds of CPU at 100,000 jobs), which must not compete with the first rows. One reload once it watches
    /// catches what changed before the watch was in place.
    /// </summary>
    public void StartWatching()
    {
        if (_watching || services.JobsDirectory is not { } directory || !Directory.Exists(directory))
        {
            return;
        }

        _watching = true;
        work.Run(
            () => Task.FromResult(new StoreWatcher(directory, work.Dispatcher, storeChanged)),
            watcher =>
            {
                _watcher = watcher;
                storeChanged();
            },
            _ => { });
    }

    /// <summary>Search was opened: from now on the history's changes reach its index.</summary>
    public void SearchOpened() => _searchOpened = true;

    /// <summary>
    /// The history changed: once search has been opened, its index reads what changed (cheap when nothing did), in
    /// the background. Before that nothing is indexed, so browsing alone costs nothing.
    /// </summary>
    public void HistoryChanged()
    {
        if (!_searchOpened)
        {
            return;
        }

        var search = services.Search;
        work.Run(() => search.RefreshAsync(), _ => { }, _ => { });
    }

    public void Dispose() => _watcher?.Dispose();
}
