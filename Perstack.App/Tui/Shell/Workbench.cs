using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.EventDetail;
using Perstack.App.Tui.Screens.Events;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Screens.Experts;
using Perstack.App.Tui.Screens.History;
using Perstack.App.Tui.Screens.Query;
using Perstack.App.Tui.Screens.Search;
using Perstack.App.Tui.Screens.Transcript;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The <c>perstack start</c> workbench: one window holding the selection screens (Job History, Checkpoints, Events,
/// Event detail, Experts, query entry) and the execution panel. It shows one screen at a time and owns what they
/// share: the message line, the key hints, the copy/confirm menu and the store watcher. Each screen owns its keys.
/// </summary>
internal sealed class Workbench : Window, IWorkbenchShell
{
    private readonly ClipboardCopier _copier;
    private readonly HistoryController _jobs;
    private readonly CheckpointsController _checkpoints;
    private readonly EventsController _events;
    private readonly EventDetailController _eventDetail;
    private readonly TranscriptController _transcript;
    private readonly ExpertsController _experts;
    private readonly SearchController _search;
    private readonly HelpOverlay _help = new();
    private readonly QueryController _query;
    private readonly ExecutionController _execution;
    private readonly PlainLabel _message;
    private readonly HintBar _hints;
    private readonly FrameView _menuFrame;
    private readonly ChoiceList _menu;
    private StoreWatcher? _watcher;
    private bool _watching;
    private bool _searchOpened;

    public Workbench(WorkbenchServices services, UiWork work, ClipboardCopier copier)
    {
        Services = services;
        Work = work;
        _copier = copier;
        Title = "Perstack";
        _jobs = new HistoryController(this);
        _checkpoints = new CheckpointsController(this);
        _events = new EventsController(this);
        _eventDetail = new EventDetailController(this);
        _transcript = new TranscriptController(this);
        _experts = new ExpertsController(this);
        _search = new SearchController(this);
        foreach (var browser in Browsers)
        {
            Place(browser.View);
            browser.HintsChanged += (sender, _) =>
            {
                if (sender == Current)
                {
                    UpdateHints();
                }
            };
        }

        _query = new QueryController();
        Place(_query.View);
        _execution = new ExecutionController(work, copier);
        (_execution.View.X, _execution.View.Y, _execution.View.Width, _execution.View.Height, _execution.View.Visible) = (0, 0, Dim.Fill(), Dim.Fill(), false);
        _message = new PlainLabel { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill(), Height = 1 };
        _hints = new HintBar { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2 };
        _menu = new ChoiceList { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
        _menuFrame = NoHotKey.Apply(new FrameView { X = Pos.Center(), Y = Pos.Center(), Width = Dim.Percent(90), Height = 6, Visible = false });
        _menuFrame.Add(_menu);
        Add(_jobs.View, _checkpoints.View, _events.View, _eventDetail.View, _transcript.View, _experts.View, _search.View, _query.View, _execution.View, _message, _hints, _menuFrame, _help);
        // F1 from a text field (query entry, the continue box) or any view that does not bind it reaches the window.
        AddCommand(KeyMap.CommandOf(TuiAction.Help), () =>
        {
            ShowHelp();
            return true;
        });
        KeyBindings.Add(KeyMap.HelpAnywhere.Key, KeyMap.CommandOf(TuiAction.Help));

        _menu.Closed += (_, _) => CloseMenu();
        _query.Submitted += (_, selection) => Launch(selection);
        _query.Cancelled += (_, returnTo) => Return(returnTo);
        _execution.Left += (_, _) => ShowHistory();
        _execution.QuitRequested += (_, _) => Quit();
        _execution.HelpRequested += (_, _) => ShowHelp();
        Disposing += (_, _) =>
        {
            _watcher?.Dispose();
            _execution.Dispose();
        };
    }

    /// <summary>Not cleared before it draws when the screen, the message and the hint lines cover it: see <see cref="SubViewCover"/>.</summary>
    protected override bool OnClearingViewport() => SubViewCover.Covers(this);

    /// <summary>Raised when the user quits (q, Ctrl+C outside a run).</summary>
    public event EventHandler? QuitRequested;

    public WorkbenchServices Services { get; }

    public UiWork Work { get; }

    public Screen Screen { get; private set; } = Screen.History;

    /// <summary>The list of the screen showing (the history's when no list shows).</summary>
    public BrowserList List => Current?.List ?? _jobs.List;

    public ExecutionController Execution => _execution;

    public string Message => _message.Text ?? "";

    public string QueryHeading => _query.Heading;

    /// <summary>The text the event detail screen shows.</summary>
    public TextPage EventDetailPage => _eventDetail.Page;

    /// <summary>The text the transcript screen shows.</summary>
    public TextPage TranscriptPage => _transcript.Page;

    public bool IsMenuOpen => _menuFrame.Visible;

    public bool IsHelpOpen => _help.IsOpen;

    /// <summary>The query of the search screen.</summary>
    public string SearchQuery => _search.Query;

    /// <summary>The text of the history's preview pane (before wrapping).</summary>
    public string HistoryPreview => _jobs.View.Preview?.Content ?? "";

    /// <summary>Whether the history's preview is beside the list (else below it).</summary>
    public bool HistoryPreviewBeside => _jobs.View.PreviewBeside;

    /// <summary>The text of the checkpoints' messages pane (before wrapping).</summary>
    public string CheckpointPreview => _checkpoints.View.Preview?.Content ?? "";

    public bool IsQuitRequested { get; private set; }

    private BrowserController? Current => Screen switch
    {
        Screen.History => _jobs,
        Screen.Checkpoints => _checkpoints,
        Screen.Events => _events,
        Screen.EventDetail => _eventDetail,
        Screen.Transcript => _transcript,
        Screen.Experts => _experts,
        Screen.Search => _search,
        _ => null,
    };

    private BrowserController[] Browsers => [_jobs, _checkpoints, _events, _eventDetail, _transcript, _experts, _search];

    private static T Place<T>(T panel)
        where T : View
    {
        panel.X = 0;
        panel.Y = 0;
        panel.Width = Dim.Fill();
        panel.Height = Dim.Fill(3);
        panel.Visible = false;
        return panel;
    }

    /// <summary>Shows the first screen at once and starts loading in the background.</summary>
    public void Start(StartIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.ExpertKey is { } expert && intent.Query is { } query)
        {
            Launch(new RunSelection(expert, query, intent.Resume));
            return;
        }

        if (intent.ExpertKey is { } only)
        {
            OpenQuery(only, intent.Resume, Screen.Experts);
            return;
        }

        Show(Screen.History);
        _jobs.Load(fallBackToExperts: true, listed: StartWatching);
    }

    /// <summary>
    /// Watches the store once the first listing has landed: watching subfolders adds one inotify watch per job folder
    /// (seconds of CPU at 100,000 jobs), which must not compete with the first rows. One reload once it watches
    /// catches what changed before the watch was in place.
    /// </summary>
    private void StartWatching()
    {
        if (_watching || Services.JobsDirectory is not { } directory || !Directory.Exists(directory))
        {
            return;
        }

        _watching = true;
        Work.Run(
            () => Task.FromResult(new StoreWatcher(directory, Work.Dispatcher, OnStoreChanged)),
            watcher =>
            {
                _watcher = watcher;
                OnStoreChanged();
            },
            _ => { });
    }

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

        var search = Services.Search;
        Work.Run(() => search.RefreshAsync(), _ => { }, _ => { });
    }

    /// <summary>Ctrl+C anywhere (text fields included) goes to <see cref="Interrupt"/>.</summary>
    public void AttachKeyboard(Terminal.Gui.App.IApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Keyboard.KeyDown += (_, key) =>
        {
            if (key == Key.C.WithCtrl)
            {
                Interrupt();
                key.Handled = true;
            }
        };
    }

    /// <summary>Ctrl+C: cancels a running run, else quits.</summary>
    public void Interrupt()
    {
        if (Screen == Screen.Execution && _execution.IsRunning)
        {
            _execution.Cancel();
            return;
        }

        Quit();
    }

    /// <summary>The process is asked to end (SIGTERM, SIGHUP): stops a run cleanly first, then quits.</summary>
    public void Shutdown() => _execution.StopThenQuit();

    public void Quit()
    {
        IsQuitRequested = true;
        QuitRequested?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The store changed on disk: reload the history if it is showing and idle.</summary>
    public void OnStoreChanged()
    {
        HistoryChanged();
        if (Screen == Screen.History && !_jobs.IsInputOpen && !_menuFrame.Visible)
        {
            _jobs.Load(select: _jobs.SelectedJobId);
        }
    }

    private void Show(Screen screen)
    {
        Screen = screen;
        _message.Text = "";
        _menuFrame.Visible = false;
        _help.Visible = false;
        foreach (var browser in Browsers)
        {
            browser.View.Visible = browser == Current;
        }

        _query.View.Visible = screen == Screen.Query;
        _execution.View.Visible = screen == Screen.Execution;
        _message.Visible = screen != Screen.Execution;
        _hints.Visible = screen != Screen.Execution;
        if (Current is { } current)
        {
            current.Enter();
            UpdateHints();
        }
        else if (screen == Screen.Query)
        {
            _hints.Hints = KeyMap.Hints(KeyMap.Query, scrolling: false);
            _query.Enter();
        }

        SetNeedsDraw();
    }

    private void Return(Screen screen)
    {
        if (screen == Screen.Experts)
        {
            ShowExperts();
        }
        else
        {
            Show(screen);
        }
    }

    public void ShowHistory(JobId? select = null)
    {
        Show(Screen.History);
        _jobs.Load(select: select);
    }

    public void ShowCheckpoints(Job job, CheckpointId? select = null)
    {
        _checkpoints.Load(job, select);
        Show(Screen.Checkpoints);
    }

    public void ShowEvents(Job job, CheckpointSummary checkpoint, EventSummary? select = null)
    {
        _events.Load(job, checkpoint, select);
        Show(Screen.Events);
    }

    public void ShowEventDetail(Job job, CheckpointSummary checkpoint, EventSummary summary)
    {
        _eventDetail.Load(job, checkpoint, summary);
        Show(Screen.EventDetail);
    }

    public void ShowTranscript(Job job, CheckpointSummary checkpoint, Screen returnTo)
    {
        _transcript.Load(job, checkpoint, returnTo);
        Show(Screen.Transcript);
    }

    public void ShowSearch()
    {
        _searchOpened = true;
        Show(Screen.Search);
    }

    public void ShowHelp() => _help.Open(Screen);

    /// <summary>The hints of the screen showing, without the keys it would refuse now.</summary>
    private void UpdateHints()
    {
        if (Current is { } current)
        {
            _hints.Hints = KeyMap.Hints(current.Keys, available: current.IsAvailable);
        }
    }

    public void ShowExperts()
    {
        Show(Screen.Experts);
        _experts.Load();
    }

    public void OpenQuery(string expertKey, ResumePoint? resume, Screen returnTo)
    {
        _query.Open(expertKey, resume, returnTo);
        Show(Screen.Query);
    }

    private void Launch(RunSelection selection)
    {
        Show(Screen.Execution);
        _execution.Reset();
        _execution.View.SetFocus();
        _execution.Start(selection, Services.Launcher);
    }

    public void SetMessage(string text)
    {
        _message.Text = text;
        SetNeedsDraw();
    }

    public void OpenMenu(string title, IReadOnlyList<Choice> choices)
    {
        _menuFrame.Title = title;
        _menuFrame.Height = choices.Count + 2;
        _menu.Show(choices);
        _menuFrame.Visible = true;
        _menu.SetFocus();
        SetNeedsDraw();
    }

    public void CloseMenu()
    {
        _menuFrame.Visible = false;
        List.SetFocus();
        SetNeedsDraw();
    }

    public void Copy(string what, string text, string? shown = null)
    {
        CloseMenu();
        _copier.Copy(text);
        SetMessage($"Copied {what}: {shown ?? text}");
    }
}
