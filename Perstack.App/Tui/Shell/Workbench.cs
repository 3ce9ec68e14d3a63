using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Screens.Query;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The <c>perstack start</c> workbench: one window holding the selection screens (Job History, Checkpoints, Events,
/// Event detail, Experts, query entry) and the execution panel. It shows one screen at a time and owns what they
/// share: the message line, the key hints, the copy/confirm menu (<see cref="MenuPopup"/>) and following the store
/// (<see cref="StoreFollower"/>). Each screen owns its keys.
/// </summary>
internal sealed partial class Workbench : Window, IWorkbenchShell
{
    private readonly BorderKeeper _border = new();
    private readonly ClipboardCopier _copier;
    private readonly BrowserScreens _screens;
    private readonly HelpOverlay _help = new();
    private readonly QueryController _query;
    private readonly ExecutionController _execution;
    private readonly Footer _footer = new();
    private readonly MenuPopup _menu = new();
    private readonly StoreFollower _follower;

    public Workbench(WorkbenchServices services, UiWork work, ClipboardCopier copier)
    {
        Services = services;
        Work = work;
        _copier = copier;
        Title = "Perstack";
        _follower = new StoreFollower(services, work, OnStoreChanged);
        _screens = new BrowserScreens(this);
        foreach (var browser in _screens.All)
        {
            Footer.PlaceAbove(browser.View);
            browser.HintsChanged += (sender, _) =>
            {
                if (sender == Current)
                {
                    _footer.ShowKeys(browser);
                }
            };
        }

        _query = new QueryController();
        Footer.PlaceAbove(_query.View);
        _execution = new ExecutionController(work, copier);
        (_execution.View.X, _execution.View.Y, _execution.View.Width, _execution.View.Height, _execution.View.Visible) = (0, 0, Dim.Fill(), Dim.Fill(), false);
        Add([.. _screens.All.Select(b => b.View), _query.View, _execution.View, _footer.MessageLine, _footer.Hints, _menu, _help]);
        OpaqueMargins.Apply(this);
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
            _follower.Dispose();
            _execution.Dispose();
        };
    }

    /// <summary>Not cleared before it draws when the screen, the message and the hint lines cover it: see <see cref="SubViewCover"/>.</summary>
    protected override bool OnClearingViewport() => SubViewCover.Covers(this);

    /// <summary>The window's border is drawn again only when the screen no longer shows it: see <see cref="BorderKeeper"/>.</summary>
    protected override bool OnDrawingAdornments() => _border.Keep(this);

    /// <inheritdoc />
    protected override bool OnRenderingLineCanvas() => _border.KeepLines(this);

    /// <inheritdoc />
    protected override void OnDrawComplete(DrawContext? context)
    {
        base.OnDrawComplete(context);
        _border.Drawn(this);
    }

    /// <summary>Raised when the user quits (q, Ctrl+C outside a run).</summary>
    public event EventHandler? QuitRequested;

    public WorkbenchServices Services { get; }

    public UiWork Work { get; }

    public Screen Screen { get; private set; } = Screen.History;

    /// <summary>The list of the screen showing (the history's when no list shows).</summary>
    public BrowserList List => Current?.List ?? _screens.History.List;

    public ExecutionController Execution => _execution;

    public string Message => _footer.Message;

    public string QueryHeading => _query.Heading;

    /// <summary>The text the event detail screen shows.</summary>
    public TextPage EventDetailPage => _screens.EventDetail.Page;

    /// <summary>The text the transcript screen shows.</summary>
    public TextPage TranscriptPage => _screens.Transcript.Page;

    public bool IsMenuOpen => _menu.IsOpen;

    public bool IsHelpOpen => _help.IsOpen;

    /// <summary>The query of the search screen.</summary>
    public string SearchQuery => _screens.Search.Query;

    /// <summary>The text of the history's preview pane (before wrapping).</summary>
    public string HistoryPreview => _screens.History.View.Preview?.Content ?? "";

    /// <summary>Whether the history's preview is beside the list (else below it).</summary>
    public bool HistoryPreviewBeside => _screens.History.View.PreviewBeside;

    /// <summary>The text of the checkpoints' messages pane (before wrapping).</summary>
    public string CheckpointPreview => _screens.Checkpoints.View.Preview?.Content ?? "";

    public bool IsQuitRequested { get; private set; }

    private BrowserController? Current => _screens.Of(Screen);

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
        _screens.History.Load(fallBackToExperts: true, listed: _follower.StartWatching);
    }

    public void HistoryChanged() => _follower.HistoryChanged();

    /// <summary>
    /// Ctrl+C anywhere (text fields included) goes to <see cref="Interrupt"/>; a list move is echoed to the terminal as soon
    /// as it is handled (<see cref="Driver.SelectionEcho"/>), and the selection's preview is then filled for the pass that follows.
    /// </summary>
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
        Driver.SelectionEcho.Attach(app, echoed: () => Current?.ShowDuePreview());
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
        var history = _screens.History;
        if (Screen == Screen.History && !history.IsInputOpen && !_menu.IsOpen)
        {
            history.Load(select: history.SelectedJobId);
        }
    }

    public void SetMessage(string text)
    {
        _footer.Say(text);
        SetNeedsDraw();
    }

    public void OpenMenu(string title, IReadOnlyList<Choice> choices)
    {
        _menu.Open(title, choices);
        SetNeedsDraw();
    }

    public void CloseMenu()
    {
        _menu.Visible = false;
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
