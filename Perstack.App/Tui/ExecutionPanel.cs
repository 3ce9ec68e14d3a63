using System.Diagnostics;
using System.Globalization;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Runtime;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui;

/// <summary>Starts a selected run in-process.</summary>
internal interface IRunLauncher
{
    /// <summary>
    /// Runs until the job stops and returns the final checkpoint. Throws a <see cref="PerstackException"/> for
    /// setup errors (no API key, unknown expert…) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<Checkpoint> RunAsync(RunSelection selection, IRunEventSink sink, CancellationToken cancellationToken);
}

/// <summary>What an activity row shows.</summary>
internal enum ActivityKind
{
    Query,
    Tool,
    Delegation,
    Interactive,
    Retry,
    Error,
    Result,
    Info,
}

/// <summary>One row of the activity log (its text is updated when a tool's result arrives).</summary>
internal sealed class ActivityRow(ActivityKind kind, int depth, string text)
{
    public ActivityKind Kind { get; } = kind;

    public int Depth { get; } = depth;

    public string Text { get; set; } = text;

    public string Display => new string(' ', Depth * 2) + Text;

    public Color? Color => Kind switch
    {
        ActivityKind.Query => new Color(ColorName16.Cyan),
        ActivityKind.Delegation or ActivityKind.Retry or ActivityKind.Interactive => new Color(ColorName16.Yellow),
        ActivityKind.Error => new Color(ColorName16.BrightRed),
        ActivityKind.Result => new Color(ColorName16.Green),
        _ => null,
    };
}

/// <summary>Forwards run events to the execution panel on the UI thread.</summary>
internal sealed class TuiRunSink(IUiDispatcher dispatcher, ExecutionPanel panel) : IRunEventSink
{
    public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        dispatcher.Post(() => panel.Apply(runEvent));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        dispatcher.Post(() => panel.Apply(runtimeEvent));
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The execution phase: an activity log (one row per action, delegates indented under a header), a status bar, and
/// after a completion or stop a continue box for a follow-up query (or the answer to a pending question).
/// </summary>
internal sealed class ExecutionPanel : View
{
    private static readonly IReadOnlyList<KeyBind> Keys =
    [
        new(Key.Esc, "Esc/q", "back to history", TuiAction.Back),
        new(Key.Q, null, null, TuiAction.Back),
        new(Key.C.WithCtrl, "Ctrl+C", "cancel the run", TuiAction.Quit),
        new(Key.Y, "y", "copy job id", TuiAction.Copy),
        new(Key.Tab, "Tab", "continue box", TuiAction.Open),
    ];

    private readonly UiWork _work;
    private readonly ClipboardCopier _copier;
    private readonly List<ActivityRow> _rows = [];
    private readonly RowSource<ActivityRow> _source;
    private readonly BrowserList _log;
    private readonly Label _status;
    private readonly Label _hints;
    private readonly FrameView _continueFrame;
    private readonly Label _continueLabel;
    private readonly InputField _continueField;
    private readonly Dictionary<string, ActivityRow> _toolRows = [];
    private readonly Dictionary<RunId, int> _depths = [];
    private readonly Stopwatch _elapsed = new();
    private CancellationTokenSource? _cancel;
    private IRunLauncher? _launcher;
    private RunSelection? _selection;
    private Checkpoint? _final;
    private JobId? _jobId;
    private string _expert = "";
    private string _model = "";
    private string _state = "initializing";
    private long _step;
    private Usage _usage = Usage.Empty;
    private double? _contextUsage;
    private int _generation;

    public ExecutionPanel(UiWork work, ClipboardCopier copier)
    {
        _work = work;
        _copier = copier;
        CanFocus = true;
        _source = new RowSource<ActivityRow>(_rows, r => r.Display, color: r => r.Color);
        _log = new BrowserList(Perform) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(6), Source = _source };
        _log.Bind(Keys);
        _continueLabel = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _continueField = new InputField { X = 0, Y = 1, Width = Dim.Fill() };
        _continueFrame = new FrameView { Title = "Continue", X = 0, Y = Pos.AnchorEnd(6), Width = Dim.Fill(), Height = 4, Visible = false };
        _continueFrame.Add(_continueLabel, _continueField);
        _status = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        _hints = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Text = KeyMap.Hints(Keys) };
        Add(_log, _continueFrame, _status, _hints);
        _continueField.Submitted += (_, text) => FollowUp(text);
        _continueField.Cancelled += (_, _) => Left?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The user left the execution screen (back to the history).</summary>
    public event EventHandler? Left;

    /// <summary>The user asked to quit.</summary>
    public event EventHandler? QuitRequested;

    public bool IsRunning { get; private set; }

    public IReadOnlyList<string> ActivityLines => _rows.Select(r => r.Display).ToList();

    public string StatusText => _status.Text ?? "";

    public bool IsContinueBoxVisible => _continueFrame.Visible;

    public string ContinueLabel => _continueLabel.Text ?? "";

    public Checkpoint? Final => _final;

    /// <summary>Clears the log and the status for a new selection (follow-ups keep them).</summary>
    public void Reset()
    {
        _rows.Clear();
        _toolRows.Clear();
        _depths.Clear();
        _source.NotifyChanged();
        _final = null;
        _jobId = null;
        _model = "";
        _step = 0;
        _usage = Usage.Empty;
        _contextUsage = null;
        _hints.Text = KeyMap.Hints(Keys);
    }

    /// <summary>Starts a run of <paramref name="selection"/>.</summary>
    public void Start(RunSelection selection, IRunLauncher? launcher)
    {
        ArgumentNullException.ThrowIfNull(selection);
        _launcher = launcher;
        _selection = selection;
        _continueFrame.Visible = false;
        _state = "initializing";
        _expert = selection.ExpertKey;
        _jobId = selection.Resume?.JobId ?? _jobId;
        Append(new ActivityRow(ActivityKind.Query, 0, selection.Resume?.WaitsForAnswer == true ? $"> Answer: {selection.Query}" : $"> {selection.Query}"));
        _log.SetFocus();
        if (launcher is null)
        {
            OnFailed(new PerstackException("Runs are not available here"));
            return;
        }

        IsRunning = true;
        _elapsed.Restart();
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        var token = _cancel.Token;
        int generation = ++_generation;
        var sink = new TuiRunSink(_work.Dispatcher, this);
        _work.Run(
            async () => await launcher.RunAsync(selection, sink, token).ConfigureAwait(false),
            final =>
            {
                if (generation == _generation)
                {
                    OnFinished(final);
                }
            },
            e =>
            {
                if (generation == _generation)
                {
                    OnFailed(e);
                }
            });
        App?.AddTimeout(TimeSpan.FromSeconds(1), () =>
        {
            UpdateStatus();
            return IsRunning;
        });
        UpdateStatus();
    }

    /// <summary>Ctrl+C during a run: cancels it through its token; the runner records the stop.</summary>
    public void Cancel()
    {
        if (IsRunning)
        {
            _state = "cancelling";
            _cancel?.Cancel();
            UpdateStatus();
        }
    }

    private bool Perform(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Quit when IsRunning:
                Cancel();
                return true;
            case TuiAction.Quit:
                QuitRequested?.Invoke(this, EventArgs.Empty);
                return true;
            case TuiAction.Back when IsRunning:
                _hints.Text = "A run is in progress: Ctrl+C cancels it";
                return true;
            case TuiAction.Back:
                Left?.Invoke(this, EventArgs.Empty);
                return true;
            case TuiAction.Copy when _jobId is { } jobId:
                _copier.Copy(jobId.ToString());
                _hints.Text = $"Copied job id: {jobId}";
                return true;
            case TuiAction.Open when _continueFrame.Visible:
                _continueField.SetFocus();
                return true;
            default:
                return true;
        }
    }

    private void OnFinished(Checkpoint final)
    {
        IsRunning = false;
        _elapsed.Stop();
        _final = final;
        _jobId = final.JobId;
        _usage = final.Usage;
        _step = final.StepNumber;
        _contextUsage = final.ContextWindowUsage ?? _contextUsage;
        bool completed = final.Status == CheckpointStatus.Completed;
        _state = completed ? "completed" : StatusWord(final.Status);
        string label;
        if (final.Status == CheckpointStatus.StoppedByInteractiveTool && final.PendingToolCalls is { Count: > 0 } pending)
        {
            label = $"Stopped - {pending[0].ToolName} asks: {Short(pending[0].Args.GetRawText(), 100)} - type the answer";
        }
        else
        {
            label = completed ? "Completed - Enter a follow-up query" : "Stopped - Enter a follow-up query";
        }

        ShowContinue(label);
    }

    private void OnFailed(Exception e)
    {
        IsRunning = false;
        _elapsed.Stop();
        if (e is OperationCanceledException)
        {
            _state = "cancelled";
            Append(new ActivityRow(ActivityKind.Error, 0, _jobId is { } id ? $"✗ Cancelled: job {id} stopped" : "✗ Cancelled"));
        }
        else
        {
            _state = "error";
            Append(new ActivityRow(ActivityKind.Error, 0, $"✗ {e.Message.ReplaceLineEndings(" ")}"));
        }

        ShowContinue("Stopped - Enter a follow-up query");
    }

    private void ShowContinue(string label)
    {
        _continueLabel.Text = label;
        _continueField.Text = "";
        _continueFrame.Visible = true;
        _hints.Text = "Enter send  Esc back to history  Tab/↑↓ log";
        _continueField.SetFocus();
        UpdateStatus();
        SetNeedsDraw();
    }

    private void FollowUp(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || _selection is null || IsRunning)
        {
            return;
        }

        RunSelection next;
        if (_final is { } final)
        {
            next = new RunSelection(final.Expert.Key, text.Trim(), new ResumePoint(final.JobId, null, final.StepNumber, final.Status == CheckpointStatus.StoppedByInteractiveTool));
        }
        else
        {
            next = _jobId is { } jobId && _selection.Resume is null && _step > 0
                ? new RunSelection(_selection.ExpertKey, text.Trim(), new ResumePoint(jobId, null, null, false))
                : _selection with { Query = text.Trim() };
        }

        _hints.Text = KeyMap.Hints(Keys);
        Start(next, _launcher);
    }

    // ---- Events ------------------------------------------------------------------------------------------------

    private int DepthOf(RunId runId) => _depths.TryGetValue(runId, out var depth) ? depth : 0;

    /// <summary>Applies a runtime event (UI thread).</summary>
    public void Apply(RuntimeEvent runtimeEvent)
    {
        if (runtimeEvent is InitializeRuntimeEvent init)
        {
            _jobId = init.JobId;
            _model = init.Model;
            _state = "running";
            UpdateStatus();
        }
    }

    /// <summary>Applies a run event (UI thread): one row per action.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        _jobId = runEvent.JobId;
        _step = Math.Max(_step, runEvent.StepNumber);
        _expert = runEvent.ExpertKey;
        int depth = DepthOf(runEvent.RunId);
        switch (runEvent)
        {
            case StartRunEvent e:
                if (e.InitialCheckpoint.DelegatedBy is { } by)
                {
                    depth = (by.RunId is { } parentRun ? DepthOf(parentRun) : 0) + 1;
                    _depths[e.RunId] = depth;
                    Append(new ActivityRow(ActivityKind.Delegation, depth - 1, $"[{e.ExpertKey}] Delegated by [{by.Expert.Key}]"));
                }
                else
                {
                    _depths[e.RunId] = depth;
                }

                _contextUsage = e.InitialCheckpoint.ContextWindowUsage ?? _contextUsage;
                break;
            case CallToolsEvent e:
                foreach (var call in e.ToolCalls)
                {
                    var row = new ActivityRow(ActivityKind.Tool, depth, $"● {call.ToolName} {Short(call.Args.GetRawText(), 80)}");
                    _toolRows[call.Id] = row;
                    Append(row);
                }

                break;
            case CallDelegateEvent e:
                Append(new ActivityRow(ActivityKind.Delegation, depth, $"→ {e.ToolCall.ToolName} {Short(e.ToolCall.Args.GetRawText(), 80)}"));
                break;
            case CallInteractiveToolEvent e:
                Append(new ActivityRow(ActivityKind.Interactive, depth, $"? Interactive: {e.ToolCall.ToolName} {Short(e.ToolCall.Args.GetRawText(), 80)}"));
                break;
            case ResolveToolResultsEvent e:
                foreach (var result in e.ToolResults)
                {
                    var text = Short(FirstText(result.Result), 80);
                    if (_toolRows.TryGetValue(result.Id, out var row))
                    {
                        row.Text = $"{row.Text} → {text}";
                    }
                    else
                    {
                        Append(new ActivityRow(ActivityKind.Tool, depth, $"● {result.ToolName} → {text}"));
                    }
                }

                _source.NotifyChanged();
                break;
            case RetryEvent e:
                Append(new ActivityRow(ActivityKind.Retry, depth, $"↻ Retry: {Short(e.Reason, 100)}"));
                break;
            case StopRunByErrorEvent e:
                Append(new ActivityRow(ActivityKind.Error, depth, $"✗ {e.Error.Name}: {Short(e.Error.Message, 120)}"));
                Track(e.Checkpoint);
                break;
            case CompleteRunEvent e:
                Append(new ActivityRow(ActivityKind.Result, depth, depth > 0 ? $"✓ Delegation Complete: {Short(e.Text, 100)}" : $"✓ Run Results: {Short(e.Text, 200)}"));
                Track(e.Checkpoint);
                break;
            case StopRunByInteractiveToolEvent e:
                Append(new ActivityRow(ActivityKind.Interactive, depth, "■ Stopped: waiting for an answer"));
                Track(e.Checkpoint);
                break;
            case StopRunByExceededMaxStepsEvent e:
                Append(new ActivityRow(ActivityKind.Info, depth, "■ Stopped: max steps reached"));
                Track(e.Checkpoint);
                break;
            case ContinueToNextStepEvent e:
                Track(e.Checkpoint);
                break;
        }

        UpdateStatus();
    }

    private void Track(Checkpoint checkpoint)
    {
        _usage = checkpoint.Usage;
        _contextUsage = checkpoint.ContextWindowUsage ?? _contextUsage;
    }

    private void Append(ActivityRow row)
    {
        _rows.Add(row);
        _source.NotifyChanged();
        _log.SelectedItem = _rows.Count - 1;
        _log.EnsureSelectedItemVisible();
        SetNeedsDraw();
    }

    private void UpdateStatus()
    {
        var context = _contextUsage is { } usage ? string.Create(CultureInfo.InvariantCulture, $"{usage * 100:0.0}%") : "-";
        var elapsed = _elapsed.Elapsed;
        _status.Text = string.Create(
            CultureInfo.InvariantCulture,
            $"{_expert} · {(_model.Length == 0 ? "-" : _model)} · {_state} · step {_step} · tokens in {_usage.InputTokens} / out {_usage.OutputTokens} · ctx {context} · {(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00} · job {_jobId?.ToString() ?? "-"}");
        SetNeedsDraw();
    }

    private static string StatusWord(CheckpointStatus status) => status switch
    {
        CheckpointStatus.StoppedByInteractiveTool => "stopped (interactive)",
        CheckpointStatus.StoppedByExceededMaxSteps => "stopped (max steps)",
        CheckpointStatus.StoppedByError => "stopped (error)",
        _ => "stopped",
    };

    private static string FirstText(IReadOnlyList<MessagePart> parts) =>
        parts.OfType<TextPart>().Select(p => p.Text).FirstOrDefault() ?? "";

    private static string Short(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + "…";
    }
}
