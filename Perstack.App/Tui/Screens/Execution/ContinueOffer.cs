using Perstack.App.Presentation;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// What the continue box offers once a run has ended (its label) and what Enter in it runs next. After an error the
/// failed query is sent again by an empty Enter only when no checkpoint of that run was stored (it failed before
/// finishing a step), so a retry never puts the query into the job's conversation twice; once stored, continuing
/// needs a new message.
/// </summary>
internal sealed class ContinueOffer
{
    /// <summary>What to do to continue after an error whose query is stored.</summary>
    private const string TypeFollowUp = "type what to do next (e.g. \"try again\")";

    // The failed run's query, sent again by an empty Enter (null: nothing to send again).
    private string? _retryQuery;

    // Whether a checkpoint of the current run was stored: from then on its query is in the job's conversation.
    private bool _queryStored;

    // The last run ended in an error (a stop by error or a failure).
    private bool _failed;

    /// <summary>A new selection (not a follow-up): nothing to send again.</summary>
    public void Clear() => _retryQuery = null;

    /// <summary>A run starts: its query is not stored yet.</summary>
    public void RunStarted()
    {
        _queryStored = false;
        _failed = false;
    }

    /// <summary>Notes a run event: a stored checkpoint puts the run's query into the job's conversation.</summary>
    public void Observe(RunEvent runEvent) =>
        _queryStored |= runEvent is ContinueToNextStepEvent or CompleteRunEvent or StopRunByErrorEvent or StopRunByInteractiveToolEvent
            or StopRunByDelegateEvent or StopRunByExceededMaxStepsEvent;

    /// <summary>The continue box's label after the run ended at <paramref name="final"/>.</summary>
    public string Finished(Checkpoint final)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (final.Status == CheckpointStatus.StoppedByInteractiveTool && final.PendingToolCalls is { Count: > 0 } pending)
        {
            var asks = InteractiveQuestion.Describe(pending[0].ToolName, pending[0].Args) ?? $"{pending[0].ToolName} asks: {pending[0].Args.GetRawText()}";
            return $"Stopped - {ToolRowFormat.Cut(asks, 160)} - type the answer";
        }

        if (final.Status == CheckpointStatus.StoppedByError)
        {
            // The stopped checkpoint holds the query already: continuing needs a new message (as in the reference, the
            // runtime continues a job only with one), so the box asks for it instead of sending the query twice.
            _failed = true;
            var error = final.Error is { } e ? $"{e.Name}: {e.Message.ReplaceLineEndings(" ")}" : "an error";
            return $"Stopped by {ToolRowFormat.Cut(error, 80)} - fix the cause, then {TypeFollowUp} to continue from checkpoint {final.Id} (step {final.StepNumber}); Esc goes back";
        }

        return final.Status == CheckpointStatus.Completed ? "Completed - Enter a follow-up query" : "Stopped - Enter a follow-up query";
    }

    /// <summary>The continue box's label after the run of <paramref name="selection"/> failed with <paramref name="error"/> (not a cancel).</summary>
    public string Failed(Exception error, RunSelection? selection)
    {
        ArgumentNullException.ThrowIfNull(error);
        _failed = true;
        _retryQuery = _queryStored ? null : selection?.Query;
        var then = _retryQuery is null ? $"{TypeFollowUp} to continue the job" : "Enter runs the query again or type another";
        return $"Error: {ToolRowFormat.Cut(error.Message.ReplaceLineEndings(" "), 80)} - fix it, then {then}; Esc goes back";
    }

    /// <summary>
    /// What Enter with <paramref name="text"/> runs after <paramref name="previous"/> (see <see cref="FollowUpRule"/>):
    /// empty, the failed selection again when its query was not stored; else nothing, and why.
    /// </summary>
    public (RunSelection? Next, string? Refusal) Next(string text, RunSelection previous, Checkpoint? final, JobId? jobId, long step)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (_retryQuery is null)
            {
                return (null, _failed
                    ? "Nothing sent: the query is stored - type a follow-up"
                    : "Nothing sent: type a follow-up, or Esc to go back");
            }

            // The run failed before storing anything: the same selection runs again, its query sent once.
            _retryQuery = null;
            return (previous, null);
        }

        _retryQuery = null;
        return (FollowUpRule.Next(previous, final, jobId, step, text.Trim()), null);
    }
}
