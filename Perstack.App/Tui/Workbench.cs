// Fields hold either a loaded list or an empty array; the interface type is intended.
#pragma warning disable CA1859

using System.Globalization;
using System.Text.Json;
using Perstack.App.Output;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui;

/// <summary>The screens of the selection phase, plus the execution phase.</summary>
internal enum Screen
{
    History,
    Checkpoints,
    Events,
    EventDetail,
    Experts,
    Query,
    Execution,
}

/// <summary>What the workbench reads and starts.</summary>
internal sealed class WorkbenchServices
{
    public required IJobStore Jobs { get; init; }

    public required ICheckpointStore Checkpoints { get; init; }

    public required IEventStore Events { get; init; }

    public required IJobLocks Locks { get; init; }

    /// <summary>Configured expert keys in toml order (called off the UI thread; may throw a PerstackException).</summary>
    public required Func<IReadOnlyList<string>> ConfiguredExperts { get; init; }

    /// <summary><c>&lt;root&gt;/jobs</c>, watched for changes; null = no watching.</summary>
    public string? JobsDirectory { get; init; }

    /// <summary>Runs a selection; null = browsing only.</summary>
    public IRunLauncher? Launcher { get; init; }
}

/// <summary>
/// The <c>perstack start</c> workbench: Job History, Checkpoints (fork tree), Events, Event detail, Experts and
/// query entry, then the execution panel, all in one window. Keys come from <see cref="KeyMap"/> tables.
/// </summary>
internal sealed class Workbench : Window
{
    private readonly WorkbenchServices _services;
    private readonly UiWork _work;
    private readonly ClipboardCopier _copier;
    private readonly Label _heading;
    private readonly BrowserList _list;
    private readonly Label _info;
    private readonly InputField _inputLine;
    private readonly Label _inputLabel;
    private readonly Label _message;
    private readonly HintBar _hints;
    private readonly FrameView _menuFrame;
    private readonly ChoiceList _menu;
    private readonly FrameView _queryFrame;
    private readonly Label _queryExpert;
    private readonly Label _queryLabel;
    private readonly InputField _queryField;
    private readonly ExecutionPanel _execution;

    private Screen _screen = Screen.History;
    private int _loadVersion;
    private string _filter = "";
    private InputMode _inputMode;
    private bool _loading = true;
    private string? _loadError;

    private IReadOnlyList<JobRow> _jobs = [];
    private IReadOnlyList<JobRow> _jobsShown = [];
    private Job? _job;
    private IReadOnlyList<CheckpointRow> _checkpoints = [];
    private IReadOnlyList<CheckpointRow> _checkpointsShown = [];
    private CheckpointSummary? _checkpoint;
    private IReadOnlyList<EventRow> _events = [];
    private IReadOnlyList<EventRow> _eventsShown = [];
    private EventSummary? _event;
    private IReadOnlyList<ExpertRow> _experts = [];
    private IReadOnlyList<ExpertRow> _expertsShown = [];
    private string? _queryExpertKey;
    private ResumePoint? _queryResume;
    private Screen _queryReturn = Screen.History;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public Workbench(WorkbenchServices services, UiWork work, ClipboardCopier copier)
    {
        _services = services;
        _work = work;
        _copier = copier;
        Title = "Perstack";
        _heading = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _list = new BrowserList(Perform) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(4) };
        _info = new Label { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill(), Height = 1 };
        _inputLabel = new Label { X = 0, Y = Pos.AnchorEnd(4), Height = 1, Visible = false };
        _inputLine = new InputField { X = Pos.Right(_inputLabel), Y = Pos.AnchorEnd(4), Width = Dim.Fill(), Visible = false };
        _message = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill(), Height = 1 };
        _hints = new HintBar { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2 };
        _menu = new ChoiceList { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
        _menuFrame = new FrameView { X = Pos.Center(), Y = Pos.Center(), Width = Dim.Percent(90), Height = 6, Visible = false };
        _menuFrame.Add(_menu);
        _queryExpert = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _queryLabel = new Label { X = 0, Y = 2, Text = "Query: ", Height = 1 };
        _queryField = new InputField { X = Pos.Right(_queryLabel), Y = 2, Width = Dim.Fill() };
        _queryFrame = new FrameView { Title = "New run", X = 0, Y = 1, Width = Dim.Fill(), Height = 7, Visible = false };
        _queryFrame.Add(_queryExpert, _queryLabel, _queryField, new Label { X = 0, Y = 4, Text = "Press Enter to start", Height = 1 });
        _execution = new ExecutionPanel(_work, _copier) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), Visible = false };
        Add(_heading, _list, _info, _inputLabel, _inputLine, _message, _hints, _queryFrame, _execution, _menuFrame);

        _list.ValueChanged += (_, _) => UpdateInfo();
        _inputLine.TextChanged += (_, _) => OnInputChanged();
        _inputLine.Submitted += (_, text) => OnInputSubmitted(text);
        _inputLine.Cancelled += (_, _) => OnInputCancelled();
        _menu.Closed += (_, _) => CloseMenu();
        _queryField.Submitted += (_, text) => SubmitQuery(text);
        _queryField.Cancelled += (_, _) => Show(_queryReturn);
        _execution.Left += (_, _) =>
        {
            Show(Screen.History);
            LoadHistory();
        };
        _execution.QuitRequested += (_, _) => RequestQuit();
        Disposing += (_, _) =>
        {
            _watcher?.Dispose();
            _debounce?.Dispose();
        };
    }

    /// <summary>Raised when the user quits (q, Ctrl+C outside a run).</summary>
    public event EventHandler? QuitRequested;

    public Screen Screen => _screen;

    public BrowserList List => _list;

    public ExecutionPanel Execution => _execution;

    public string Message => _message.Text ?? "";

    public bool IsQuitRequested { get; private set; }

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
        LoadHistory(fallBackToExperts: true);
        StartWatching();
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
        if (_screen == Screen.Execution && _execution.IsRunning)
        {
            _execution.Cancel();
            return;
        }

        RequestQuit();
    }

    private void RequestQuit()
    {
        IsQuitRequested = true;
        QuitRequested?.Invoke(this, EventArgs.Empty);
    }

    // ---- Screens ---------------------------------------------------------------------------------------------

    private void Show(Screen screen)
    {
        _screen = screen;
        _filter = "";
        _message.Text = "";
        CloseInput();
        bool browsing = screen is not Screen.Query and not Screen.Execution;
        _heading.Visible = browsing;
        _list.Visible = browsing;
        _info.Visible = browsing;
        _message.Visible = screen != Screen.Execution;
        _hints.Visible = screen != Screen.Execution;
        _queryFrame.Visible = screen == Screen.Query;
        _execution.Visible = screen == Screen.Execution;
        _menuFrame.Visible = false;
        var table = TableOf(screen);
        if (table is not null)
        {
            _list.Bind(table);
            _hints.Hints = KeyMap.Hints(table);
        }

        Refill(resetSelection: true);
        if (browsing)
        {
            _list.SetFocus();
        }
        else if (screen == Screen.Query)
        {
            _hints.Hints = "Enter start  Esc back";
            _queryField.SetFocus();
        }
    }

    private static IReadOnlyList<KeyBind>? TableOf(Screen screen) => screen switch
    {
        Screen.History => KeyMap.History,
        Screen.Checkpoints => KeyMap.Checkpoints,
        Screen.Events => KeyMap.Events,
        Screen.EventDetail => KeyMap.EventDetail,
        Screen.Experts => KeyMap.Experts,
        _ => null,
    };

    /// <summary>Re-applies the filter and redraws the current list.</summary>
    private void Refill(bool resetSelection)
    {
        var previous = _list.SelectedItem;
        switch (_screen)
        {
            case Screen.History:
                _jobsShown = Filter(_jobs, r => r.Matches(_filter));
                _list.Source = new RowSource<JobRow>(_jobsShown, r => r.Text, r => r.Suffix, r => r.Problem is null ? null : new Terminal.Gui.Drawing.Color(Terminal.Gui.Drawing.ColorName16.BrightRed));
                _heading.Text = Heading("Job History", _jobsShown.Count, _jobs.Count, "jobs");
                break;
            case Screen.Checkpoints:
                _checkpointsShown = Filter(_checkpoints, r => r.Matches(_filter));
                _list.Source = new RowSource<CheckpointRow>(_checkpointsShown, r => r.Text, r => r.Suffix);
                _heading.Text = Heading($"Checkpoints of {_job?.CoordinatorExpertKey} ({_job?.Id})", _checkpointsShown.Count, _checkpoints.Count, "checkpoints");
                break;
            case Screen.Events:
                _eventsShown = Filter(_events, r => r.Matches(_filter));
                _list.Source = new RowSource<EventRow>(_eventsShown, r => r.Text);
                _heading.Text = Heading($"Events of Step {_checkpoint?.StepNumber} ({_checkpoint?.Id})", _eventsShown.Count, _events.Count, "events");
                break;
            case Screen.Experts:
                _expertsShown = Filter(_experts, r => r.Matches(_filter));
                _list.Source = new RowSource<ExpertRow>(_expertsShown, r => r.Text);
                _heading.Text = Heading("Experts", _expertsShown.Count, _experts.Count, "experts");
                break;
            case Screen.EventDetail:
                _heading.Text = _event is null ? "Event Detail" : $"Event Detail: [{_event.Type}] Step {_event.StepNumber} ({_event.Key})";
                break;
            default:
                return;
        }

        int count = _list.Source?.Count ?? 0;
        _list.SelectedItem = count == 0 ? null : resetSelection || previous is null ? 0 : Math.Min(previous.Value, count - 1);
        UpdateInfo();
        SetNeedsDraw();
    }

    private string Heading(string title, int shown, int total, string noun)
    {
        if (_loading)
        {
            return $"{title}  (loading…)";
        }

        var counts = shown == total
            ? string.Create(CultureInfo.InvariantCulture, $"{total} {noun}")
            : string.Create(CultureInfo.InvariantCulture, $"{shown} of {total} {noun}");
        return _filter.Length > 0 ? $"{title}  ({counts}, filter: {_filter})" : $"{title}  ({counts})";
    }

    private IReadOnlyList<T> Filter<T>(IReadOnlyList<T> rows, Func<T, bool> matches) =>
        _filter.Length == 0 ? rows : rows.Where(matches).ToList();

    private void UpdateInfo()
    {
        if (_inputMode != InputMode.None)
        {
            return;
        }

        _info.Text = _loadError is not null ? $"Error: {_loadError}" : Describe();
    }

    private string Describe()
    {
        int? index = _list.SelectedItem;
        switch (_screen)
        {
            case Screen.History when _jobsShown.Count == 0:
                return _loading ? "" : _filter.Length > 0 ? "No job matches the filter." : "No jobs found. Press n to start a new job.";
            case Screen.History when index is { } i && i < _jobsShown.Count:
                var row = _jobsShown[i];
                return row.Job is { } job
                    ? $"{StatusMarkers.Label(row.Status)} · {HistoryRows.Tokens(job.Usage)} · {job.CoordinatorExpertKey}"
                    : $"Unreadable: {row.Problem!.Path}: {row.Problem.Reason}";
            case Screen.Checkpoints when _checkpointsShown.Count == 0:
                return _loading ? "" : "No checkpoints found";
            case Screen.Checkpoints when index is { } i && i < _checkpointsShown.Count:
                var c = _checkpointsShown[i].Checkpoint;
                return $"{JobStatusText.Of(c.Status)} · {c.Expert.Key} · {HistoryRows.Tokens(c.Usage)}{(c.Error is { } error ? $" · {error.Name}: {error.Message}" : "")}";
            case Screen.Events when _eventsShown.Count == 0:
                return _loading ? "" : "No events found";
            case Screen.Experts when _expertsShown.Count == 0:
                return _loading ? "" : "No experts found. Press i to type a key.";
            default:
                return "";
        }
    }

    // ---- Actions ---------------------------------------------------------------------------------------------

    /// <summary>Runs a key's action on the current screen; true when handled.</summary>
    public bool Perform(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Quit:
                RequestQuit();
                return true;
            case TuiAction.Filter:
                OpenInput(InputMode.Filter, "/", _filter);
                return true;
            case TuiAction.Refresh:
                Reload();
                return true;
            case TuiAction.Back:
                Back();
                return true;
            case TuiAction.NewRun:
                ShowExperts();
                return true;
            case TuiAction.History:
                Show(Screen.History);
                LoadHistory();
                return true;
            case TuiAction.TypeExpert:
                OpenInput(InputMode.Expert, "Expert: ", "");
                return true;
            case TuiAction.Copy:
                OpenCopyMenu();
                return true;
            case TuiAction.Delete:
                OpenDeleteConfirm();
                return true;
            case TuiAction.Checkpoints:
                if (SelectedJob() is { } job)
                {
                    ShowCheckpoints(job);
                }

                return true;
            case TuiAction.Events:
                if (SelectedCheckpoint() is { } checkpoint)
                {
                    ShowEvents(checkpoint);
                }

                return true;
            case TuiAction.Open:
                Open();
                return true;
            default:
                return false;
        }
    }

    private Job? SelectedJob()
    {
        if (_screen != Screen.History || _list.SelectedItem is not { } i || i >= _jobsShown.Count)
        {
            return null;
        }

        var row = _jobsShown[i];
        if (row.Job is null)
        {
            SetMessage($"This job cannot be read: {row.Problem!.Reason}");
        }

        return row.Job;
    }

    private CheckpointSummary? SelectedCheckpoint() =>
        _screen == Screen.Checkpoints && _list.SelectedItem is { } i && i < _checkpointsShown.Count ? _checkpointsShown[i].Checkpoint : null;

    private void Open()
    {
        switch (_screen)
        {
            case Screen.History when SelectedJob() is { } job:
                ResumeJob(job);
                break;
            case Screen.Checkpoints when SelectedCheckpoint() is { } checkpoint:
                OpenQuery(checkpoint.Expert.Key, new ResumePoint(checkpoint.JobId, checkpoint.Id, checkpoint.StepNumber, checkpoint.Status == CheckpointStatus.StoppedByInteractiveTool), Screen.Checkpoints);
                break;
            case Screen.Events when _list.SelectedItem is { } i && i < _eventsShown.Count:
                ShowEventDetail(_eventsShown[i].Event);
                break;
            case Screen.Experts when _list.SelectedItem is { } i && i < _expertsShown.Count:
                OpenQuery(_expertsShown[i].Key, null, Screen.Experts);
                break;
        }
    }

    private void Back()
    {
        if (_filter.Length > 0)
        {
            _filter = "";
            Refill(resetSelection: false);
            return;
        }

        switch (_screen)
        {
            case Screen.Checkpoints:
                Show(Screen.History);
                LoadHistory(select: _job?.Id);
                break;
            case Screen.Events when _job is not null:
                ShowCheckpoints(_job, select: _checkpoint?.Id);
                break;
            case Screen.EventDetail when _checkpoint is not null:
                ShowEvents(_checkpoint, select: _event);
                break;
            case Screen.Experts:
                Show(Screen.History);
                LoadHistory();
                break;
            default:
                SetMessage("Press q to quit");
                break;
        }
    }

    private void Reload()
    {
        switch (_screen)
        {
            case Screen.History:
                LoadHistory(select: SelectedJobId());
                break;
            case Screen.Checkpoints when _job is not null:
                ShowCheckpoints(_job, select: SelectedCheckpoint()?.Id);
                break;
            case Screen.Events when _checkpoint is not null:
                ShowEvents(_checkpoint);
                break;
            case Screen.EventDetail when _event is not null:
                ShowEventDetail(_event);
                break;
            case Screen.Experts:
                ShowExperts();
                break;
        }
    }

    private JobId? SelectedJobId() =>
        _screen == Screen.History && _list.SelectedItem is { } i && i < _jobsShown.Count ? _jobsShown[i].Job?.Id : null;

    private void SetMessage(string text)
    {
        _message.Text = text;
        SetNeedsDraw();
    }

    // ---- Loading ---------------------------------------------------------------------------------------------

    private int BeginLoad()
    {
        _loading = true;
        _loadError = null;
        return Interlocked.Increment(ref _loadVersion);
    }

    private void Fail(int version, Exception e)
    {
        if (version != _loadVersion)
        {
            return;
        }

        _loading = false;
        _loadError = e.Message.ReplaceLineEndings(" ");
        Refill(resetSelection: false);
    }

    /// <summary>Loads the job list off the UI thread; stale results (an older load) are dropped.</summary>
    public void LoadHistory(bool fallBackToExperts = false, JobId? select = null)
    {
        int version = BeginLoad();
        Refill(resetSelection: false);
        var jobs = _services.Jobs;
        var locks = _services.Locks;
        _work.Run(
            async () =>
            {
                var listing = await jobs.ListAsync().ConfigureAwait(false);
                var rows = new List<JobRow>(listing.Items.Count + listing.Problems.Count);
                rows.AddRange(listing.Problems.Select(p => new JobRow(null, "corrupt", p)));
                rows.AddRange(listing.Items.Select(j => new JobRow(j, JobStatusText.Of(j, locks), null)));
                return rows;
            },
            rows =>
            {
                if (version != _loadVersion)
                {
                    return;
                }

                _loading = false;
                _jobs = rows;
                if (fallBackToExperts && rows.Count == 0 && _screen == Screen.History)
                {
                    ShowExperts();
                    return;
                }

                if (_screen != Screen.History)
                {
                    return;
                }

                Refill(resetSelection: select is null);
                if (select is { } id && IndexOf(_jobsShown, r => r.Job?.Id == id) is { } index)
                {
                    _list.SelectedItem = index;
                }
            },
            e => Fail(version, e));
    }

    private static int? IndexOf<T>(IReadOnlyList<T> rows, Func<T, bool> match)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            if (match(rows[i]))
            {
                return i;
            }
        }

        return null;
    }

    private void ShowCheckpoints(Job job, CheckpointId? select = null)
    {
        _job = job;
        _checkpoints = [];
        Show(Screen.Checkpoints);
        int version = BeginLoad();
        Refill(resetSelection: true);
        var store = _services.Checkpoints;
        _work.Run(
            async () => await store.ListAsync(job.Id).ConfigureAwait(false),
            listing =>
            {
                if (version != _loadVersion || _screen != Screen.Checkpoints)
                {
                    return;
                }

                _loading = false;
                _checkpoints = CheckpointTree.Build(listing.Items);
                Refill(resetSelection: true);
                if (select is { } id && IndexOf(_checkpointsShown, r => r.Checkpoint.Id == id) is { } index)
                {
                    _list.SelectedItem = index;
                }

                if (listing.Problems.Count > 0)
                {
                    SetMessage($"{listing.Problems.Count} unreadable checkpoint file(s): {listing.Problems[0].Path}: {listing.Problems[0].Reason}");
                }
            },
            e => Fail(version, e));
    }

    private void ShowEvents(CheckpointSummary checkpoint, EventSummary? select = null)
    {
        _checkpoint = checkpoint;
        _events = [];
        Show(Screen.Events);
        int version = BeginLoad();
        Refill(resetSelection: true);
        var store = _services.Events;
        _work.Run(
            async () => await store.ListAsync(checkpoint.JobId, checkpoint.RunId).ConfigureAwait(false),
            listing =>
            {
                if (version != _loadVersion || _screen != Screen.Events)
                {
                    return;
                }

                _loading = false;
                _events = listing.Items.Where(e => e.StepNumber == checkpoint.StepNumber).Select(e => new EventRow(e)).ToList();
                Refill(resetSelection: true);
                if (select is not null && IndexOf(_eventsShown, r => r.Event == select) is { } index)
                {
                    _list.SelectedItem = index;
                }
            },
            e => Fail(version, e));
    }

    private void ShowEventDetail(EventSummary summary)
    {
        _event = summary;
        Show(Screen.EventDetail);
        int version = BeginLoad();
        _list.Source = new JsonSource(["loading…"]);
        var store = _services.Events;
        _work.Run(
            async () =>
            {
                var runEvent = await store.GetAsync(summary).ConfigureAwait(false);
                return runEvent is null ? ["The event file is gone."] : PrettyLines(runEvent);
            },
            lines =>
            {
                if (version != _loadVersion || _screen != Screen.EventDetail)
                {
                    return;
                }

                _loading = false;
                _list.Source = new JsonSource(lines);
                _list.SelectedItem = 0;
                Refill(resetSelection: false);
            },
            e =>
            {
                if (version == _loadVersion)
                {
                    _loading = false;
                    _list.Source = new JsonSource([$"Cannot read the event: {e.Message}"]);
                }
            });
    }

    /// <summary>The event as indented JSON lines.</summary>
    public static IReadOnlyList<string> PrettyLines(RunEvent runEvent)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RunEvent>)PerstackJson.Indented.GetTypeInfo(typeof(RunEvent));
        return JsonSerializer.Serialize(runEvent, info).ReplaceLineEndings("\n").Split('\n');
    }

    private void ShowExperts()
    {
        Show(Screen.Experts);
        int version = BeginLoad();
        Refill(resetSelection: true);
        var jobs = _services.Jobs;
        var configured = _services.ConfiguredExperts;
        _work.Run(
            async () =>
            {
                string? problem = null;
                IReadOnlyList<string> keys = [];
                try
                {
                    keys = configured();
                }
                catch (PerstackException e)
                {
                    problem = e.Message.ReplaceLineEndings(" ");
                }

                var listing = await jobs.ListAsync().ConfigureAwait(false);
                var rows = keys.Distinct(StringComparer.Ordinal).Select(k => new ExpertRow(k, true)).ToList();
                var known = new HashSet<string>(keys, StringComparer.Ordinal);
                rows.AddRange(listing.Items.OrderByDescending(j => j.LastActivityAt)
                    .Select(j => j.CoordinatorExpertKey)
                    .Where(known.Add)
                    .Select(k => new ExpertRow(k, false)));
                return (rows, problem);
            },
            result =>
            {
                if (version != _loadVersion || _screen != Screen.Experts)
                {
                    return;
                }

                _loading = false;
                _experts = result.rows;
                Refill(resetSelection: true);
                if (result.problem is not null)
                {
                    SetMessage(result.problem);
                }
            },
            e => Fail(version, e));
    }

    private void ResumeJob(Job job)
    {
        SetMessage($"Loading the latest checkpoint of {job.Id}…");
        var store = _services.Checkpoints;
        int version = Interlocked.Increment(ref _loadVersion);
        _work.Run(
            async () => await store.ListAsync(job.Id).ConfigureAwait(false),
            listing =>
            {
                if (version != _loadVersion || _screen != Screen.History)
                {
                    return;
                }

                SetMessage("");
                var latest = CheckpointTree.Latest(listing.Items);
                OpenQuery(
                    latest?.Expert.Key ?? job.CoordinatorExpertKey,
                    latest is null ? null : new ResumePoint(job.Id, latest.Id, latest.StepNumber, latest.Status == CheckpointStatus.StoppedByInteractiveTool),
                    Screen.History);
            },
            e =>
            {
                // Still reach query entry, without a checkpoint (the job cannot be continued).
                OpenQuery(job.CoordinatorExpertKey, null, Screen.History);
                SetMessage($"Cannot load the checkpoints of {job.Id}: {e.Message}");
            });
    }

    // ---- Query entry and execution ---------------------------------------------------------------------------

    private void OpenQuery(string expertKey, ResumePoint? resume, Screen returnTo)
    {
        _queryExpertKey = expertKey;
        _queryResume = resume;
        _queryReturn = returnTo;
        _queryExpert.Text = resume?.StepNumber is { } step
            ? string.Create(CultureInfo.InvariantCulture, $"Expert: {expertKey} (resuming from step {step})")
            : resume is not null ? $"Expert: {expertKey} (continuing job {resume.JobId})" : $"Expert: {expertKey}";
        _queryLabel.Text = resume?.WaitsForAnswer == true ? "Answer: " : "Query: ";
        _queryField.Text = "";
        Show(Screen.Query);
    }

    public string QueryHeading => _queryExpert.Text ?? "";

    private void SubmitQuery(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || _queryExpertKey is null)
        {
            return;
        }

        Launch(new RunSelection(_queryExpertKey, text.Trim(), _queryResume));
    }

    private void Launch(RunSelection selection)
    {
        Show(Screen.Execution);
        _execution.Reset();
        _execution.SetFocus();
        _execution.Start(selection, _services.Launcher);
    }

    // ---- Input line (filter, expert key) ---------------------------------------------------------------------

    private enum InputMode
    {
        None,
        Filter,
        Expert,
    }

    private void OpenInput(InputMode mode, string label, string text)
    {
        if (_screen == Screen.EventDetail && mode == InputMode.Filter)
        {
            return;
        }

        _inputMode = mode;
        _info.Visible = false;
        _inputLabel.Text = label;
        _inputLabel.Visible = true;
        _inputLine.Visible = true;
        _inputLine.Text = text;
        _inputLine.SetFocus();
    }

    private void CloseInput()
    {
        _inputMode = InputMode.None;
        _inputLabel.Visible = false;
        _inputLine.Visible = false;
        _info.Visible = _screen is not Screen.Query and not Screen.Execution;
    }

    private void OnInputChanged()
    {
        if (_inputMode == InputMode.Filter)
        {
            _filter = _inputLine.Text ?? "";
            Refill(resetSelection: true);
        }
    }

    private void OnInputSubmitted(string text)
    {
        var mode = _inputMode;
        CloseInput();
        if (mode == InputMode.Expert && !string.IsNullOrWhiteSpace(text))
        {
            OpenQuery(text.Trim(), null, Screen.Experts);
            return;
        }

        UpdateInfo();
        _list.SetFocus();
    }

    private void OnInputCancelled()
    {
        if (_inputMode == InputMode.Filter)
        {
            _filter = "";
        }

        CloseInput();
        Refill(resetSelection: false);
        _list.SetFocus();
    }

    // ---- Copy and delete menus -------------------------------------------------------------------------------

    private void OpenCopyMenu()
    {
        var choices = new List<Choice>();
        void AddChoice(string what, string text) =>
            choices.Add(new Choice(new Key((char)('1' + choices.Count)), $"{choices.Count + 1} {what}: {text}", () => CopyChosen(what, text)));

        switch (_screen)
        {
            case Screen.History when SelectedJob() is { } job:
                AddChoice("job id", job.Id.ToString());
                AddChoice("command", RunCommandLine(job.CoordinatorExpertKey, job.Id, null));
                break;
            case Screen.Checkpoints when SelectedCheckpoint() is { } checkpoint:
                AddCheckpointChoices(checkpoint);
                break;
            case Screen.Events or Screen.EventDetail when _checkpoint is { } checkpoint:
                AddCheckpointChoices(checkpoint);
                break;
        }

        void AddCheckpointChoices(CheckpointSummary checkpoint)
        {
            AddChoice("job id", checkpoint.JobId.ToString());
            AddChoice("checkpoint id", checkpoint.Id.ToString());
            AddChoice("command", RunCommandLine(checkpoint.Expert.Key, checkpoint.JobId, checkpoint.Id));
        }

        if (choices.Count > 0)
        {
            OpenMenu("Copy (Enter or 1–3, Esc cancels)", choices);
        }
    }

    /// <summary><c>perstack run &lt;expert&gt; "&lt;query&gt;" --continue-job &lt;jobId&gt; [--resume-from &lt;checkpointId&gt;]</c>.</summary>
    public static string RunCommandLine(string expertKey, JobId jobId, CheckpointId? checkpointId) =>
        $"perstack run {ShellWord(expertKey)} \"<query>\" --continue-job {jobId}{(checkpointId is { } id ? $" --resume-from {id}" : "")}";

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '@' or ':')
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private void CopyChosen(string what, string text)
    {
        CloseMenu();
        _copier.Copy(text);
        SetMessage($"Copied {what}: {text}");
    }

    private void OpenDeleteConfirm()
    {
        if (SelectedJob() is not { } job)
        {
            return;
        }

        OpenMenu($"Delete job {job.Id}?", [
            new Choice(Key.N, $"n No, keep {job.Id}", () =>
            {
                CloseMenu();
                SetMessage("Not deleted");
            }),
            new Choice(Key.Y, $"y Yes, delete {HistoryRows.Job(job)}", () => Delete(job)),
        ]);
    }

    private void Delete(Job job)
    {
        CloseMenu();
        if (_services.Locks.IsHeld(job.Id))
        {
            SetMessage($"Job {job.Id} is running; it cannot be deleted now");
            return;
        }

        var store = _services.Jobs;
        _work.Run(
            async () => await store.DeleteAsync(job.Id).ConfigureAwait(false),
            deleted =>
            {
                SetMessage(deleted ? $"Deleted job {job.Id}" : $"Job {job.Id} was already gone");
                LoadHistory();
            },
            e => SetMessage(e is JobLockedException ? $"Job {job.Id} is running; it cannot be deleted now" : $"Cannot delete job {job.Id}: {e.Message}"));
    }

    private void OpenMenu(string title, IReadOnlyList<Choice> choices)
    {
        _menuFrame.Title = title;
        _menuFrame.Height = choices.Count + 2;
        _menu.Show(choices);
        _menuFrame.Visible = true;
        _menu.SetFocus();
        SetNeedsDraw();
    }

    public bool IsMenuOpen => _menuFrame.Visible;

    private void CloseMenu()
    {
        _menuFrame.Visible = false;
        _list.SetFocus();
        SetNeedsDraw();
    }

    // ---- Watching the store ----------------------------------------------------------------------------------

    private void StartWatching()
    {
        if (_watcher is not null || _services.JobsDirectory is not { } directory || !Directory.Exists(directory))
        {
            return;
        }

        try
        {
            _debounce = new Timer(_ => _work.Dispatcher.Post(OnStoreChanged), null, Timeout.Infinite, Timeout.Infinite);
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite };
            FileSystemEventHandler changed = (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
            _watcher.Created += changed;
            _watcher.Deleted += changed;
            _watcher.Changed += changed;
            _watcher.Renamed += (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Too many watches (inotify limits) or an odd file system: refresh stays manual (r).
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>The store changed on disk: reload the history if it is showing.</summary>
    public void OnStoreChanged()
    {
        if (_screen == Screen.History && _inputMode == InputMode.None && !_menuFrame.Visible)
        {
            LoadHistory(select: SelectedJobId());
        }
    }
}
