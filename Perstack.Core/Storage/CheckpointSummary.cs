using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>A checkpoint's header: everything a listing shows, without the message history.</summary>
public sealed record CheckpointSummary
{
    /// <summary>Checkpoint id.</summary>
    public required CheckpointId Id { get; init; }

    /// <summary>Job it belongs to.</summary>
    public required JobId JobId { get; init; }

    /// <summary>Run that wrote it.</summary>
    public required RunId RunId { get; init; }

    /// <summary>Status.</summary>
    public required CheckpointStatus Status { get; init; }

    /// <summary>Job-wide step number.</summary>
    public required long StepNumber { get; init; }

    /// <summary>Expert of the step.</summary>
    public required ExpertRef Expert { get; init; }

    /// <summary>Cumulative usage.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Context window usage (0–1).</summary>
    public double? ContextWindowUsage { get; init; }

    /// <summary>Write order within the job (absent for checkpoints the TypeScript runtime wrote).</summary>
    public long? Sequence { get; init; }

    /// <summary>The checkpoint this step continued from, when recorded.</summary>
    public CheckpointId? ParentCheckpointId { get; init; }

    /// <summary>The delegating parent, for a delegate's checkpoint.</summary>
    public DelegatedBy? DelegatedBy { get; init; }

    /// <summary>Why the run stopped, for an error stop.</summary>
    public CheckpointError? Error { get; init; }

    /// <summary>Builds the summary of a full checkpoint.</summary>
    public static CheckpointSummary From(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new CheckpointSummary
        {
            Id = checkpoint.Id,
            JobId = checkpoint.JobId,
            RunId = checkpoint.RunId,
            Status = checkpoint.Status,
            StepNumber = checkpoint.StepNumber,
            Expert = checkpoint.Expert,
            Usage = checkpoint.Usage,
            ContextWindowUsage = checkpoint.ContextWindowUsage,
            Sequence = checkpoint.Sequence,
            ParentCheckpointId = checkpoint.ParentCheckpointId,
            DelegatedBy = checkpoint.DelegatedBy,
            Error = checkpoint.Error,
        };
    }
}
