using System.Diagnostics;
using System.Globalization;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>The status line of a run: expert, model, state, step, tokens, context window use, time, job.</summary>
internal sealed class RunStatus
{
    private readonly Stopwatch _elapsed = new();
    private string _model = "";
    private double? _contextUsage;

    public JobId? JobId { get; set; }

    public string Expert { get; set; } = "";

    public string State { get; set; } = "initializing";

    public long Step { get; private set; }

    public Usage Usage { get; private set; } = Usage.Empty;

    public void Reset()
    {
        JobId = null;
        _model = "";
        Step = 0;
        Usage = Usage.Empty;
        _contextUsage = null;
    }

    public void StartClock() => _elapsed.Restart();

    public void StopClock() => _elapsed.Stop();

    public void Apply(RuntimeEvent runtimeEvent)
    {
        if (runtimeEvent is InitializeRuntimeEvent init)
        {
            JobId = init.JobId;
            _model = init.Model;
            State = "running";
        }
    }

    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        JobId = runEvent.JobId;
        Step = Math.Max(Step, runEvent.StepNumber);
        Expert = runEvent.ExpertKey;
        switch (runEvent)
        {
            case StartRunEvent e:
                _contextUsage = e.InitialCheckpoint.ContextWindowUsage ?? _contextUsage;
                break;
            case StopRunByErrorEvent e:
                Track(e.Checkpoint);
                break;
            case CompleteRunEvent e:
                Track(e.Checkpoint);
                break;
            case StopRunByInteractiveToolEvent e:
                Track(e.Checkpoint);
                break;
            case StopRunByExceededMaxStepsEvent e:
                Track(e.Checkpoint);
                break;
            case ContinueToNextStepEvent e:
                Track(e.Checkpoint);
                break;
        }
    }

    /// <summary>The run ended at <paramref name="final"/>.</summary>
    public void Finish(Checkpoint final)
    {
        ArgumentNullException.ThrowIfNull(final);
        JobId = final.JobId;
        Step = final.StepNumber;
        Track(final);
    }

    private void Track(Checkpoint checkpoint)
    {
        Usage = checkpoint.Usage;
        _contextUsage = checkpoint.ContextWindowUsage ?? _contextUsage;
    }

    public string Text
    {
        get
        {
            var context = _contextUsage is { } usage ? string.Create(CultureInfo.InvariantCulture, $"{usage * 100:0.0}%") : "-";
            var elapsed = _elapsed.Elapsed;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{Expert} · {(_model.Length == 0 ? "-" : _model)} · {State} · step {Step} · tokens in {Usage.InputTokens} / out {Usage.OutputTokens} · ctx {context} · {(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00} · job {JobId?.ToString() ?? "-"}");
        }
    }
}
