namespace Perstack.Core.Domain;

/// <summary>Where a forked job came from: a checkpoint of another job.</summary>
public sealed record JobOrigin
{
    /// <summary>The original job.</summary>
    public required JobId JobId { get; init; }

    /// <summary>The checkpoint of the original job the fork starts from.</summary>
    public required CheckpointId CheckpointId { get; init; }
}
