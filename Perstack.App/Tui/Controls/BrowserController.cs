using Perstack.App.Tui.Shell;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// What a browsing screen does: runs its keys, loads its data off the UI thread (applied only when still the latest
/// load) and tells its <see cref="BrowserView"/> what to show. Screens that can say what another row's selection
/// would show (<see cref="ShownFor"/>) follow their list's moves ahead (<see cref="ISelectionFollower"/>).
/// </summary>
internal abstract class BrowserController : ISelectionFollower
{
    private int _version;
    private bool _previewDue;
    private long _followerVersion;

    protected BrowserController(IWorkbenchShell shell, IReadOnlyList<KeyBind> keys, bool withPreview = false)
    {
        Shell = shell;
        Keys = keys;
        View = new BrowserView(keys, Perform, withPreview);
        View.InfoNeeded += (_, _) => UpdateInfo();
        View.List.Follower = this;
    }

    /// <summary>What the keys can do changed (the selection moved, a load finished): the hints are redrawn.</summary>
    public event EventHandler? HintsChanged;

    public abstract Screen Screen { get; }

    /// <summary>The key table: bound on the list and shown in the status bar.</summary>
    public IReadOnlyList<KeyBind> Keys { get; }

    public BrowserView View { get; }

    public BrowserList List => View.List;

    public bool IsInputOpen => View.IsInputOpen;

    protected IWorkbenchShell Shell { get; }

    protected bool Loading { get; private set; }

    protected string? LoadError { get; private set; }

    /// <summary>The screen was shown: a fresh start (no input line, first row selected).</summary>
    public virtual void Enter()
    {
        View.CloseInput();
        Refill(resetSelection: true);
        List.SetFocus();
    }

    /// <summary>Runs a key's action; true when handled.</summary>
    public bool Perform(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Quit:
                Shell.Quit();
                return true;
            case TuiAction.Refresh:
                Reload();
                return true;
            case TuiAction.Copy:
                BrowserView.OpenCopyMenu(Shell, CopyTargets());
                return true;
            case TuiAction.Help:
                Shell.ShowHelp();
                return true;
            case TuiAction.Search when Screen != Screen.Search:
                Shell.ShowSearch();
                return true;
            case TuiAction.Pane:
                View.SwitchPane();
                return true;
            default:
                return PerformOwn(action);
        }
    }

    /// <summary>
    /// Whether <paramref name="action"/> would be carried out now (not refused): the hint line offers only those keys.
    /// </summary>
    public virtual bool IsAvailable(TuiAction action) => true;

    /// <summary>The screen's own keys.</summary>
    protected abstract bool PerformOwn(TuiAction action);

    /// <summary>Reads the screen's data again (r).</summary>
    protected abstract void Reload();

    /// <summary>Redraws the heading and the list from the loaded data.</summary>
    public abstract void Refill(bool resetSelection);

    /// <summary>The info line for the selection (or the empty-list hint).</summary>
    protected abstract string Describe();

    /// <summary>What y offers to copy for the selection.</summary>
    protected virtual IReadOnlyList<CopyTarget> CopyTargets() => [];

    /// <summary>
    /// What the info line and the preview would show with the list's row <paramref name="item"/> selected, as they would
    /// show it at once (before anything is read); null when the screen cannot say.
    /// </summary>
    protected virtual SelectionText? ShownFor(int item) => null;

    /// <summary>What <see cref="ShownFor"/> says changed with nothing drawn (a read ahead landed).</summary>
    protected void FollowersChanged() => _followerVersion++;

    long ISelectionFollower.Version => _followerVersion;

    IReadOnlyList<View> ISelectionFollower.Views => View.SelectionViews;

    bool ISelectionFollower.PaintAsSelected(int item) =>
        ShownFor(item) is { } shown && View.PaintSelection(shown with { Info = InfoText(shown.Info) });

    private string InfoText(string description) => LoadError is not null ? $"Error: {LoadError}" : description;

    protected void UpdateInfo()
    {
        View.ShowInfo(InfoText(Describe()));
        if (!_previewDue)
        {
            // After the frame: a key's moved cursor reaches the terminal without waiting for the preview's text (or
            // its read starting on another thread) and the hints (which ask whether the job is running); keys that
            // come together show one preview, of the last selection.
            _previewDue = true;
            Shell.Work.Dispatcher.PostAfterFrame(ShowDuePreview);
        }
    }

    /// <summary>
    /// Shows the preview and the hints for the selection if they are still due: after the frame, or as soon as the moved
    /// rows are on the terminal (<see cref="Driver.SelectionEcho"/>), so the pass that follows draws them with the info
    /// line, and the frame is complete one pass sooner.
    /// </summary>
    public void ShowDuePreview()
    {
        if (!_previewDue)
        {
            return;
        }

        _previewDue = false;
        ShowPreview();
        RefreshHints();
    }

    /// <summary>Shows the hints again: what the keys can do changed without the selection moving.</summary>
    protected void RefreshHints() => HintsChanged?.Invoke(this, EventArgs.Empty);

    /// <summary>Fills the preview pane for the selection (screens with one).</summary>
    protected virtual void ShowPreview()
    {
    }

    /// <summary>Starts a load: results of older loads are dropped from now on.</summary>
    protected int BeginLoad()
    {
        Loading = true;
        LoadError = null;
        return Interlocked.Increment(ref _version);
    }

    /// <summary>Whether a load's result is still wanted (no newer load started).</summary>
    protected bool IsLatest(int version) => version == _version;

    protected void EndLoad() => Loading = false;

    protected void Fail(int version, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!IsLatest(version))
        {
            return;
        }

        Loading = false;
        LoadError = e.Message.ReplaceLineEndings(" ");
        Refill(resetSelection: false);
    }

    /// <summary>Shows the input line in place of the info line.</summary>
    protected void OpenInput(string label, string text, InputRequest request) => View.OpenInput(label, text, request);
}
