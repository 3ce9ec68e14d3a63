using Perstack.Core.Domain;

namespace Perstack.Core.Jobs;

/// <summary>
/// The one mapping from the status of the checkpoint a job stopped at to the job's status. Its callers differ only in
/// what a checkpoint that is not a stop means to them (a run ending there failed, a derived job is still running,
/// a fork is ready to continue), so each keeps its own fallback.
/// </summary>
public static class JobStatusRules
{
    /// <summary>The job status a stop at <paramref name="status"/> gives, or null when the checkpoint is not a stop.</summary>
    public static JobStatus? AfterStop(CheckpointStatus status) => status switch
    {
        CheckpointStatus.Completed => JobStatus.Completed,
        CheckpointStatus.StoppedByInteractiveTool => JobStatus.StoppedByInteractiveTool,
        CheckpointStatus.StoppedByExceededMaxSteps => JobStatus.StoppedByMaxSteps,
        CheckpointStatus.StoppedByError => JobStatus.StoppedByError,
        _ => null,
    };

    /// <summary>Whether a job stopped with <paramref name="status"/> is finished (has a finish time): all but one waiting for an answer.</summary>
    public static bool IsFinished(JobStatus status) => status is not (JobStatus.Running or JobStatus.StoppedByInteractiveTool);
}
