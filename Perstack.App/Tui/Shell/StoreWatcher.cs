namespace Perstack.App.Tui.Shell;

/// <summary>
/// Watches <c>&lt;root&gt;/jobs</c> and reports changes on the UI thread, debounced (a run writes many files a step).
/// </summary>
internal sealed class StoreWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;

    public StoreWatcher(string directory, IUiDispatcher dispatcher, Action changed)
    {
        _debounce = new Timer(_ => dispatcher.Post(changed), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite };
            _watcher.Created += (_, _) => Touch();
            _watcher.Deleted += (_, _) => Touch();
            _watcher.Changed += (_, _) => Touch();
            _watcher.Renamed += (_, _) => Touch();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Too many watches (inotify limits) or an odd file system: refresh stays manual (r).
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private void Touch() => _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }
}
