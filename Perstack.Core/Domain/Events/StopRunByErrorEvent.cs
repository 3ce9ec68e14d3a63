namespace Perstack.Core.Domain.Events;

/// <summary>The run stopped by an error or cancellation.</summary>
public sealed record StopRunByErrorEvent : RunEvent
{
    /// <summary>The stored checkpoint (its error says why).</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <summary>The error.</summary>
    public required CheckpointError Error { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "stopRunByError";
}
