using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.Core.Jobs;

/// <summary>The status people see: the stored one, except a <c>running</c> job nobody runs is <c>interrupted</c>.</summary>
public static class JobStatusText
{
    /// <summary>A job <c>jobs fork</c> made from the middle of a run, not continued yet (<see cref="Job.ReadyToContinue"/>).</summary>
    public const string Forked = "forked · ready to continue";

    /// <summary>The shown status.</summary>
    public static string Of(Job job, IJobLocks locks)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(locks);
        return job.Status switch
        {
            not JobStatus.Running when job.ReadyToContinue == true => Forked,
            JobStatus.Running => locks.IsHeld(job.Id) ? "running" : "interrupted",
            JobStatus.Completed => "completed",
            JobStatus.StoppedByMaxSteps => "stoppedByMaxSteps",
            JobStatus.StoppedByInteractiveTool => "stoppedByInteractiveTool",
            JobStatus.StoppedByError => "stoppedByError",
            _ => job.Status.ToString(),
        };
    }

    /// <summary>The stored checkpoint status as written in JSON.</summary>
    public static string Of(CheckpointStatus status) => status switch
    {
        CheckpointStatus.Init => "init",
        CheckpointStatus.Proceeding => "proceeding",
        CheckpointStatus.Completed => "completed",
        CheckpointStatus.StoppedByInteractiveTool => "stoppedByInteractiveTool",
        CheckpointStatus.StoppedByDelegate => "stoppedByDelegate",
        CheckpointStatus.StoppedByExceededMaxSteps => "stoppedByExceededMaxSteps",
        CheckpointStatus.StoppedByError => "stoppedByError",
        _ => status.ToString(),
    };
}
