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

    /// <summary>The whole status line.</summary>
    public string Text => Fit(int.MaxValue);

    /// <summary>
    /// The status line for <paramref name="width"/> columns: the job id, the one thing people copy, stays whole at the
    /// end; the other fields give way first (long names cut in the middle, then the least needed dropped).
    /// </summary>
    public string Fit(int width)
    {
        if (width <= 0)
        {
            width = int.MaxValue;
        }

        var context = _contextUsage is { } usage ? string.Create(CultureInfo.InvariantCulture, $"{usage * 100:0.0}%") : "-";
        var elapsed = _elapsed.Elapsed;
        var job = $"job {JobId?.ToString() ?? "-"}";
        var model = _model.Length == 0 ? "-" : _model;
        var tokens = string.Create(CultureInfo.InvariantCulture, $"tokens in {Usage.InputTokens} / out {Usage.OutputTokens}");
        var time = string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}");
        var step = string.Create(CultureInfo.InvariantCulture, $"step {Step}");
        var full = new List<string?> { Expert, model, State, step, tokens, $"ctx {context}", time };

        // Each try gives up a little more, until the line fits.
        var tries = new List<Func<List<string?>, List<string?>>>
        {
            f => f,
            f => [Middle(Expert, 20), Middle(model, 20), .. f.Skip(2)],
            f => [f[0], f[1], f[2], f[3], string.Create(CultureInfo.InvariantCulture, $"{Usage.InputTokens}/{Usage.OutputTokens} tok"), f[5], f[6]],
            f => [f[0], f[1], f[2], f[3], f[4], null, f[6]],
            f => [f[0], null, f[2], f[3], f[4], null, f[6]],
            f => [f[0], null, f[2], f[3], null, null, f[6]],
            f => [f[0], null, f[2], f[3], null, null, null],
            f => [f[0], null, f[2], null, null, null, null],
            f => [Middle(Expert, 12), null, f[2], null, null, null, null],
        };
        var fields = full;
        foreach (var attempt in tries)
        {
            fields = attempt(fields);
            var line = Join(fields, job);
            if (line.Length <= width)
            {
                return line;
            }
        }

        // Narrower still: the job id whole, as much of the rest as fits before it, cut in the middle.
        var rest = string.Join(" · ", fields.OfType<string>());
        int room = width - job.Length - 3;
        return room >= 5 ? $"{Middle(rest, room)} · {job}" : job;
    }

    private static string Join(List<string?> fields, string job) => string.Join(" · ", [.. fields.OfType<string>(), job]);

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters by an ellipsis in its middle.</summary>
    public static string Middle(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max || max < 3)
        {
            return text.Length <= max ? text : text[..Math.Max(0, max)];
        }

        int head = (max - 1) / 2;
        int tail = max - 1 - head;
        return $"{text[..head]}…{text[^tail..]}";
    }
}
