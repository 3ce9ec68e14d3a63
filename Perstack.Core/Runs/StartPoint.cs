using Perstack.Core.Domain;

namespace Perstack.Core.Runs;

/// <summary>
/// Where a run starts: a new job, or a stored job's checkpoint. Built once at the edge from typed ids (the flags or the
/// TUI's selection); "a checkpoint without its job" cannot be expressed.
/// </summary>
public abstract record StartPoint
{
    private StartPoint()
    {
    }

    /// <summary>A new job with this id.</summary>
    /// <param name="Id">The new job's id (<c>--job-id</c>, else a fresh one).</param>
    public sealed record NewJob(JobId Id) : StartPoint;

    /// <summary>The latest checkpoint of the most recently updated job (<c>--continue</c>).</summary>
    public sealed record Latest : StartPoint
    {
        /// <summary>The one instance.</summary>
        public static Latest Instance { get; } = new();
    }

    /// <summary>The latest checkpoint of a job (<c>--continue-job</c>).</summary>
    /// <param name="Id">The job.</param>
    public sealed record Job(JobId Id) : StartPoint;

    /// <summary>A given checkpoint of a job (<c>--continue-job</c> with <c>--resume-from</c>).</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Id">The checkpoint.</param>
    public sealed record Checkpoint(JobId JobId, CheckpointId Id) : StartPoint;

    /// <summary>Whether the run continues a stored job.</summary>
    public bool Continues => this is not NewJob;
}
