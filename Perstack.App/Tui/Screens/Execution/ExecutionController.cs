using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The execution phase: starts a run off the UI thread, applies its events (posted here) to the status and the
/// <see cref="ExecutionView"/>, cancels it, and after a completion or stop runs the follow-up typed into the continue
/// box (or the answer to a pending question), as <see cref="ContinueOffer"/> says.
/// </summary>
internal sealed class ExecutionController : IDisposable
{
    private readonly UiWork _work;
    private readonly ClipboardCopier _copier;
    private readonly RunStatus _status = new();
    private readonly ContinueOffer _offer = new();
    private CancellationTokenSource? _cancel;
    private bool _quitWhenStopped;
    private IRunLauncher? _launcher;
    private RunSelection? _selection;
    private Checkpoint? _final;
    private int _generation;

    public ExecutionController(UiWork work, ClipboardCopier copier)
    {
        _work = work;
        _copier = copier;
        View = new ExecutionView(Perform);
        View.FollowUpSubmitted += (_, text) => FollowUp(text);
        View.ContinueCancelled += (_, _) => Left?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The user left the execution screen (back to the history).</summary>
    public event EventHandler? Left;

    /// <summary>The user asked to quit.</summary>
    public event EventHandler? QuitRequested;

    /// <summary>The user asked for the keys (? or F1 on the log).</summary>
    public event EventHandler? HelpRequested;

    public ExecutionView View { get; }

    public bool IsRunning { get; private set; }

    public IReadOnlyList<string> ActivityLines => View.ActivityLines;

    public string StatusText => View.StatusText;

    public bool IsContinueBoxVisible => View.IsContinueBoxVisible;

    public string ContinueLabel => View.ContinueLabel;

    public Checkpoint? Final => _final;

    /// <summary>The run a <see cref="StopThenQuit"/> cancelled (its job and expert), once it has stopped.</summary>
    public (JobId JobId, string ExpertKey)? CancelledOnQuit { get; private set; }

    /// <summary>Clears the log and the status for a new selection (follow-ups keep them).</summary>
    public void Reset()
    {
        View.Clear();
        _final = null;
        _offer.Clear();
        _status.Reset();
    }

    /// <summary>Starts a run of <paramref name="selection"/>.</summary>
    public void Start(RunSelection selection, IRunLauncher? launcher)
    {
        ArgumentNullException.ThrowIfNull(selection);
        _launcher = launcher;
        _selection = selection;
        _offer.RunStarted();
        _status.State = "initializing";
        _status.Expert = selection.ExpertKey;
        _status.JobId = selection.Resume?.JobId ?? _status.JobId;
        View.ShowRunning();
        View.Append(new ActivityRow(ActivityKind.Query, 0, selection.Resume?.WaitsForAnswer == true ? $"> Answer: {selection.Query}" : $"> {selection.Query}"));
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
        View.Every(TimeSpan.FromSeconds(1), () =>
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

    /// <summary>Releases the run's cancellation source (the view is disposed with the window holding it).</summary>
    public void Dispose() => _cancel?.Dispose();

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
                View.ShowMessage("A run is in progress: Ctrl+C cancels it");
                return true;
            case TuiAction.Back:
                Left?.Invoke(this, EventArgs.Empty);
                return true;
            case TuiAction.Copy when _status.JobId is { } jobId:
                _copier.Copy(jobId.ToString());
                View.ShowMessage($"Copied job id: {jobId}");
                return true;
            case TuiAction.Help:
                HelpRequested?.Invoke(this, EventArgs.Empty);
                return true;
            case TuiAction.Open when View.IsContinueBoxVisible:
                View.FocusContinue();
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
        _status.State = final.Status == CheckpointStatus.Completed ? "completed" : StatusWord(final.Status);
        ShowContinue(_offer.Finished(final));
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
            View.Append(new ActivityRow(ActivityKind.Error, 0, _status.JobId is { } id ? $"✗ Cancelled: job {id} stopped" : "✗ Cancelled"));
            if (_quitWhenStopped && _status.JobId is { } stopped && _selection is { } selection)
            {
                CancelledOnQuit = (stopped, selection.ExpertKey);
            }
        }
        else
        {
            _status.State = "error";
            View.Append(new ActivityRow(ActivityKind.Error, 0, $"✗ {e.Message.ReplaceLineEndings(" ")}"));
            ShowContinue(_offer.Failed(e, _selection));
            QuitIfAsked();
            return;
        }

        ShowContinue("Stopped - Enter a follow-up query");
        QuitIfAsked();
    }

    private void ShowContinue(string label)
    {
        View.ShowContinue(label);
        UpdateStatus();
    }

    private void FollowUp(string text)
    {
        if (_selection is not { } previous || IsRunning)
        {
            return;
        }

        var (next, refusal) = _offer.Next(text, previous, _final, _status.JobId, _status.Step);
        if (next is null)
        {
            View.ShowMessage(refusal!);
            return;
        }

        View.ShowKeys();
        Start(next, _launcher);
    }

    /// <summary>Applies a runtime event (UI thread).</summary>
    public void Apply(RuntimeEvent runtimeEvent)
    {
        if (runtimeEvent is InitializeRuntimeEvent init)
        {
            View.MaxRetries = init.MaxRetries;
        }

        _status.Apply(runtimeEvent);
        UpdateStatus();
    }

    /// <summary>Applies model output as it streams, or a model call's retry (UI thread).</summary>
    public void Apply(LiveStreamEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        if (liveEvent.Retry is { } retry)
        {
            _status.State = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"retrying ({retry.Attempt + 1}/{retry.MaxAttempts})");
            View.ApplyRetry(liveEvent);
            UpdateStatus();
            return;
        }

        View.Apply(liveEvent);
    }

    /// <summary>Applies a run event (UI thread).</summary>
    public void Apply(RunEvent runEvent)
    {
        _offer.Observe(runEvent);
        _status.Apply(runEvent);
        View.Apply(runEvent);
        UpdateStatus();
    }

    private void UpdateStatus() => View.ShowStatus(_status.Fit);

    private static string StatusWord(CheckpointStatus status) => status switch
    {
        CheckpointStatus.StoppedByInteractiveTool => "stopped (interactive)",
        CheckpointStatus.StoppedByExceededMaxSteps => "stopped (max steps)",
        CheckpointStatus.StoppedByError => "stopped (error)",
        _ => "stopped",
    };
}
