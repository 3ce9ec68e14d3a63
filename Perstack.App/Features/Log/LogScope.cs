using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log;

/// <summary>What one <c>perstack log</c> shows: a job, optionally narrowed to a run or a checkpoint's run.</summary>
internal sealed record LogScope
{
    /// <summary>The job.</summary>
    public required Job Job { get; init; }

    /// <summary>The job's shown status (<c>interrupted</c> for a dead running job).</summary>
    public required string Status { get; init; }

    /// <summary>True when no <c>--job</c> was given and the latest job was picked.</summary>
    public required bool IsLatestJob { get; init; }

    /// <summary>The storage root read.</summary>
    public required string StoragePath { get; init; }

    /// <summary>The run whose events are shown, or null for every run of the job.</summary>
    public RunId? RunId { get; init; }

    /// <summary>The checkpoint asked for with <c>--checkpoint</c> (its run's events are shown).</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>The job's checkpoint headers, when the whole job is shown.</summary>
    public IReadOnlyList<CheckpointSummary>? Checkpoints { get; init; }
}
