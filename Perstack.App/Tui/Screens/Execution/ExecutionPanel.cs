using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The execution phase: the activity log, a status line, and after a completion or stop a continue box for a
/// follow-up query (or the answer to a pending question). The run itself goes on off the UI thread; its events are
/// posted here.
/// </summary>
internal sealed class ExecutionPanel : View
{
    private readonly UiWork _work;
    private readonly ClipboardCopier _copier;
    private readonly ActivityLog _activity = new();
    private readonly RunStatus _status = new();
    private readonly RowSource<ActivityRow> _source;
    private readonly BrowserList _log;
    private readonly Label _statusLine;
    private readonly StreamingLine _streaming = new() { X = 0, Y = Pos.AnchorEnd(6), Width = Dim.Fill() };
    private readonly Label _hints;
    private readonly FrameView _continueFrame;
    private readonly Label _continueLabel;
    private readonly InputField _continueField;
    private CancellationTokenSource? _cancel;
    private bool _quitWhenStopped;
    private IRunLauncher? _launcher;
    private RunSelection? _selection;
    private Checkpoint? _final;
    private int _generation;

    public ExecutionPanel(UiWork work, ClipboardCopier copier)
    {
        _work = work;
        _copier = copier;
        CanFocus = true;
        _source = new RowSource<ActivityRow>(_activity.Rows, r => r.Display, color: r => r.Color);
        _log = new BrowserList(Perform) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(6), Source = _source };
        _log.Bind(KeyMap.Execution);
        _continueLabel = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _continueField = new InputField { X = 0, Y = 1, Width = Dim.Fill() };
        _continueFrame = new FrameView { Title = "Continue", X = 0, Y = Pos.AnchorEnd(6), Width = Dim.Fill(), Height = 4, Visible = false };
        _continueFrame.Add(_continueLabel, _continueField);
        _statusLine = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        _hints = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Text = KeyMap.Hints(KeyMap.Execution) };
        Add(_log, _streaming, _continueFrame, _statusLine, _hints);
        _continueField.Submitted += (_, text) => FollowUp(text);
        _continueField.Cancelled += (_, _) => Left?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The user left the execution screen (back to the history).</summary>
    public event EventHandler? Left;

    /// <summary>The user asked to quit.</summary>
    public event EventHandler? QuitRequested;

    public bool IsRunning { get; private set; }

    public IReadOnlyList<string> ActivityLines => _activity.Rows.Select(r => r.Display).ToList();

    public string StatusText => _statusLine.Text ?? "";

    /// <summary>The live streaming line as shown (empty when hidden).</summary>
    public string StreamingText => _streaming.Shown;

    public bool IsContinueBoxVisible => _continueFrame.Visible;

    public string ContinueLabel => _continueLabel.Text ?? "";

    public Checkpoint? Final => _final;

    /// <summary>The run a <see cref="StopThenQuit"/> cancelled (its job and expert), once it has stopped.</summary>
    public (JobId JobId, string ExpertKey)? CancelledOnQuit { get; private set; }

    /// <summary>Clears the log and the status for a new selection (follow-ups keep them).</summary>
    public void Reset()
    {
        _activity.Clear();
        _streaming.Clear();
        _source.NotifyChanged();
        _final = null;
        _status.Reset();
        _hints.Text = KeyMap.Hints(KeyMap.Execution);
    }

    /// <summary>Starts a run of <paramref name="selection"/>.</summary>
    public void Start(RunSelection selection, IRunLauncher? launcher)
    {
        ArgumentNullException.ThrowIfNull(selection);
        _launcher = launcher;
        _selection = selection;
        _continueFrame.Visible = false;
        _status.State = "initializing";
        _status.Expert = selection.ExpertKey;
        _status.JobId = selection.Resume?.JobId ?? _status.JobId;
        Append(new ActivityRow(ActivityKind.Query, 0, selection.Resume?.WaitsForAnswer == true ? $"> Answer: {selection.Query}" : $"> {selection.Query}"));
        _log.SetFocus();
        if (launcher is null)
        {
            OnFailed(new PerstackException("Runs are not available here"));
            return;
        }

        IsRunning = true;
        _status.StartClock();
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

    /// <summary>
    /// The process is asked to end (SIGTERM, SIGHUP): a run is cancelled and the quit waits until the runner has
    /// recorded the stop, so the job is never left running.
    /// </summary>
    public void StopThenQuit()
    {
        if (!IsRunning)
        {
            QuitRequested?.Invoke(this, EventArgs.Empty);
            return;
        }

        _quitWhenStopped = true;
        Cancel();
    }

    /// <summary>Ctrl+C during a run: cancels it through its token; the runner records the stop.</summary>
    public void Cancel()
    {
        if (IsRunning)
        {
            _status.State = "cancelling";
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
            case TuiAction.Copy when _status.JobId is { } jobId:
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
        _status.StopClock();
        _final = final;
        _status.Finish(final);
        bool completed = final.Status == CheckpointStatus.Completed;
        _status.State = completed ? "completed" : StatusWord(final.Status);
        string label;
        if (final.Status == CheckpointStatus.StoppedByInteractiveTool && final.PendingToolCalls is { Count: > 0 } pending)
        {
            label = $"Stopped - {pending[0].ToolName} asks: {ToolRowFormat.Cut(pending[0].Args.GetRawText(), 100)} - type the answer";
        }
        else
        {
            label = completed ? "Completed - Enter a follow-up query" : "Stopped - Enter a follow-up query";
        }

        ShowContinue(label);
        QuitIfAsked();
    }

    private void QuitIfAsked()
    {
        if (_quitWhenStopped)
        {
            QuitRequested?.Invoke(this, EventArgs.Empty);
        }
    }

    private void OnFailed(Exception e)
    {
        IsRunning = false;
        _status.StopClock();
        if (e is OperationCanceledException)
        {
            _status.State = "cancelled";
            Append(new ActivityRow(ActivityKind.Error, 0, _status.JobId is { } id ? $"✗ Cancelled: job {id} stopped" : "✗ Cancelled"));
            if (_quitWhenStopped && _status.JobId is { } stopped && _selection is { } selection)
            {
                CancelledOnQuit = (stopped, selection.ExpertKey);
            }
        }
        else
        {
            _status.State = "error";
            Append(new ActivityRow(ActivityKind.Error, 0, $"✗ {e.Message.ReplaceLineEndings(" ")}"));
        }

        ShowContinue("Stopped - Enter a follow-up query");
        QuitIfAsked();
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
            next = _status.JobId is { } jobId && _selection.Resume is null && _status.Step > 0
                ? new RunSelection(_selection.ExpertKey, text.Trim(), new ResumePoint(jobId, null, null, false))
                : _selection with { Query = text.Trim() };
        }

        _hints.Text = KeyMap.Hints(KeyMap.Execution);
        Start(next, _launcher);
    }

    /// <summary>Applies a runtime event (UI thread).</summary>
    public void Apply(RuntimeEvent runtimeEvent)
    {
        _status.Apply(runtimeEvent);
        UpdateStatus();
    }

    /// <summary>Applies model output as it streams (UI thread).</summary>
    public void Apply(LiveStreamEvent liveEvent)
    {
        _streaming.Apply(liveEvent);
    }

    /// <summary>Applies a run event (UI thread): one row per action; the live line gives way to it.</summary>
    public void Apply(RunEvent runEvent)
    {
        _streaming.Clear();
        _status.Apply(runEvent);
        int before = _activity.Rows.Count;
        _activity.Apply(runEvent);
        Changed(_activity.Rows.Count != before);
        UpdateStatus();
    }

    private void Append(ActivityRow row)
    {
        _activity.Add(row);
        Changed(added: true);
    }

    private void Changed(bool added)
    {
        _source.NotifyChanged();
        if (added)
        {
            _log.SelectedItem = _activity.Rows.Count - 1;
            _log.EnsureSelectedItemVisible();
        }

        SetNeedsDraw();
    }

    private void UpdateStatus()
    {
        _statusLine.Text = _status.Text;
        SetNeedsDraw();
    }

    private static string StatusWord(CheckpointStatus status) => status switch
    {
        CheckpointStatus.StoppedByInteractiveTool => "stopped (interactive)",
        CheckpointStatus.StoppedByExceededMaxSteps => "stopped (max steps)",
        CheckpointStatus.StoppedByError => "stopped (error)",
        _ => "stopped",
    };
}
