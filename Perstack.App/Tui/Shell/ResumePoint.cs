using Perstack.Core.Domain;
using Perstack.Core.Runs;

namespace Perstack.App.Tui.Shell;

/// <summary>A checkpoint a run resumes from, as chosen in the browser or by a continue flag.</summary>
/// <param name="JobId">The job.</param>
/// <param name="CheckpointId">The checkpoint, or null for the job's latest.</param>
/// <param name="StepNumber">Its step, when known (shown as "resuming from step N").</param>
/// <param name="WaitsForAnswer">The checkpoint stopped at an interactive tool: the query is its answer (-i).</param>
internal sealed record ResumePoint(JobId JobId, CheckpointId? CheckpointId, long? StepNumber, bool WaitsForAnswer)
{
    /// <summary>Where a run from here starts: the checkpoint, or the job's latest.</summary>
    public StartPoint ToStartPoint() => CheckpointId is { } checkpoint ? new StartPoint.Checkpoint(JobId, checkpoint) : new StartPoint.Job(JobId);
}
