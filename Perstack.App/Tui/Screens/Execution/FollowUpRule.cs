using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>What a follow-up query typed into the continue box runs, once the previous run has stopped.</summary>
internal static class FollowUpRule
{
    /// <summary>
    /// After a final checkpoint: its expert continues its job from its step (an interactive stop takes the query as the
    /// answer). Without one (the run failed or was cancelled): the job it started continues if it got past its first
    /// step, else the same selection runs again with the new query.
    /// </summary>
    /// <param name="previous">The selection that ran.</param>
    /// <param name="final">Its final checkpoint, when it finished.</param>
    /// <param name="jobId">The job it ran in, once known.</param>
    /// <param name="step">The last step it reached.</param>
    /// <param name="query">The follow-up query, trimmed.</param>
    public static RunSelection Next(RunSelection previous, Checkpoint? final, JobId? jobId, long step, string query)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (final is not null)
        {
            return new RunSelection(final.Expert.Key, query, new ResumePoint(final.JobId, null, final.StepNumber, final.Status == CheckpointStatus.StoppedByInteractiveTool));
        }

        return jobId is { } started && previous.Resume is null && step > 0
            ? new RunSelection(previous.ExpertKey, query, new ResumePoint(started, null, null, false))
            : previous with { Query = query };
    }
}
