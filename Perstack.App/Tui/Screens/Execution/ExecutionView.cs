using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The execution screen as drawn: the activity log, the live streaming line, a status line, the key hints, and the
/// continue box for a follow-up query. It knows layout and drawing; <see cref="ExecutionController"/> decides what it shows.
/// </summary>
internal sealed class ExecutionView : View
{
    private readonly ActivityLog _activity = new();
    private readonly RowSource<ActivityRow> _source;
    private readonly BrowserList _log;
    private readonly PlainLabel _statusLine;
    private readonly StreamingLine _streaming = new() { X = 0, Y = Pos.AnchorEnd(6), Width = Dim.Fill() };
    private readonly HintBar _hints;
    private readonly FrameView _continueFrame;
    private readonly PlainLabel _continueLabel;
    private readonly InputField _continueField;
    private Func<int, string> _fitStatus = _ => "";

    /// <param name="perform">Runs a key of the activity log's <see cref="KeyMap.Execution"/> table.</param>
    public ExecutionView(Func<TuiAction, bool> perform)
    {
        CanFocus = true;
        _source = new RowSource<ActivityRow>(_activity.Rows, r => r.Display, color: r => r.Color);
        _log = new BrowserList(perform) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(6), Source = _source };
        _log.Bind(KeyMap.Execution);
        // Two lines: after an error the label says what can be done, which is longer than a narrow terminal.
        _continueLabel = new PlainLabel { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
        _continueLabel.TextFormatter.WordWrap = true;
        _continueField = new InputField { X = 0, Y = 2, Width = Dim.Fill() };
        _continueFrame = new FrameView { Title = "Continue", X = 0, Y = Pos.AnchorEnd(7), Width = Dim.Fill(), Height = 5, Visible = false };
        _continueFrame.Add(_continueLabel, _continueField);
        _statusLine = new PlainLabel { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        // One line: on a narrow terminal the list moves give way first so every key of the screen is still offered.
        _hints = new HintBar { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Hints = KeyMap.Hints(KeyMap.Execution) };
        Add(_log, _streaming, _continueFrame, _statusLine, _hints);
        _statusLine.FrameChanged += (_, _) => FitStatus();
        _continueField.Submitted += (_, text) => FollowUpSubmitted?.Invoke(this, text);
        _continueField.Cancelled += (_, _) => ContinueCancelled?.Invoke(this, EventArgs.Empty);

        // The hint line names the keys of what has the focus: the log's or the continue box's (Tab moves between them).
        _log.HasFocusChanged += (_, _) =>
        {
            if (_log.HasFocus)
            {
                ShowKeys();
            }
        };
        _continueField.HasFocusChanged += (_, _) =>
        {
            if (_continueField.HasFocus)
            {
                ShowFollowUpKeys();
            }
        };
    }

    /// <summary>Enter in the continue box, with the text typed.</summary>
    public event EventHandler<string>? FollowUpSubmitted;

    /// <summary>Esc in the continue box.</summary>
    public event EventHandler? ContinueCancelled;

    public IReadOnlyList<string> ActivityLines => _activity.Rows.Select(r => r.Display).ToList();

    public string StatusText => _statusLine.Text ?? "";

    /// <summary>The live streaming line as shown (empty when hidden).</summary>
    public string StreamingText => _streaming.Shown;

    public bool IsContinueBoxVisible => _continueFrame.Visible;

    public string ContinueLabel => _continueLabel.Text ?? "";

    /// <summary>Empties the log and the live line and shows the log's keys.</summary>
    public void Clear()
    {
        _activity.Clear();
        _streaming.Clear();
        _source.NotifyChanged();
        ShowKeys();
    }

    /// <summary>The hint line shows the activity log's keys.</summary>
    public void ShowKeys() => _hints.Hints = KeyMap.Hints(KeyMap.Execution);

    private void ShowFollowUpKeys() => _hints.Hints = KeyMap.Hints(KeyMap.FollowUp, scrolling: false);

    /// <summary>The hint line shows <paramref name="message"/> until the keys are shown again.</summary>
    public void ShowMessage(string message) => _hints.Hints = [new KeyHint(message, HintKind.Action)];

    /// <summary>The run's retry limit for a generation without a tool call, shown as "Retry k of n".</summary>
    public long? MaxRetries
    {
        get => _activity.MaxRetries;
        set => _activity.MaxRetries = value;
    }

    /// <summary>Shows the status line made by <paramref name="fit"/> for the line's width (again after a resize).</summary>
    public void ShowStatus(Func<int, string> fit)
    {
        _fitStatus = fit;
        FitStatus();
    }

    private void FitStatus()
    {
        var text = _fitStatus(_statusLine.Frame.Width);
        if (text != _statusLine.Text)
        {
            _statusLine.Text = text;
            SetNeedsDraw();
        }
    }

    /// <summary>Hides the continue box and puts the focus on the log, for a run starting.</summary>
    public void ShowRunning()
    {
        _continueFrame.Visible = false;
        _log.Height = Dim.Fill(6);
        _log.SetFocus();
    }

    /// <summary>Shows the continue box under <paramref name="label"/>, empty and focused.</summary>
    public void ShowContinue(string label)
    {
        _continueLabel.Text = label;
        _continueField.Text = "";
        _continueFrame.Visible = true;
        _log.Height = Dim.Fill(7);
        ShowFollowUpKeys();
        _continueField.SetFocus();
    }

    public void FocusContinue() => _continueField.SetFocus();

    /// <summary>Calls <paramref name="tick"/> every <paramref name="period"/> while it returns true.</summary>
    public void Every(TimeSpan period, Func<bool> tick) => App?.AddTimeout(period, tick);

    public void Append(ActivityRow row)
    {
        _activity.Add(row);
        Changed(added: true);
    }

    /// <summary>Model output as it streams: the live line.</summary>
    public void Apply(LiveStreamEvent liveEvent)
    {
        _streaming.Apply(liveEvent);
    }

    /// <summary>A model call's failed attempt about to be retried: a row in its run.</summary>
    public void ApplyRetry(LiveStreamEvent retrying)
    {
        _streaming.Clear();
        _activity.Apply(retrying);
        Changed(added: true);
    }

    /// <summary>A run event: one row per action; the live line gives way to it.</summary>
    public void Apply(RunEvent runEvent)
    {
        _streaming.Clear();
        int before = _activity.Rows.Count;
        _activity.Apply(runEvent);
        Changed(_activity.Rows.Count != before);
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
}
