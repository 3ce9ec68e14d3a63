using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs show --json</c> prints.</summary>
internal sealed record JobDetailsDocument
{
    /// <summary>The job as stored.</summary>
    public required Job Job { get; init; }

    /// <summary>The status shown to people (<c>interrupted</c> for a dead running job).</summary>
    public required string DisplayStatus { get; init; }

    /// <summary>Checkpoint headers in listing order.</summary>
    public required IReadOnlyList<CheckpointSummary> Checkpoints { get; init; }

    /// <summary>
    /// The tips of the job's branches, the current one first: each tip's step number and usage are that branch's
    /// totals (job.json holds the current one's). One entry unless <c>--resume-from</c> forked the job.
    /// </summary>
    public required IReadOnlyList<CheckpointSummary> Branches { get; init; }

    /// <summary>Checkpoint files that could not be read.</summary>
    public required IReadOnlyList<StoreProblem> Problems { get; init; }
}
