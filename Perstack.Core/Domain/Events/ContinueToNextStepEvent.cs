namespace Perstack.Core.Domain.Events;

/// <summary>A step ended normally; the next one begins.</summary>
public sealed record ContinueToNextStepEvent : RunEvent
{
    /// <summary>The stored checkpoint of the step.</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <summary>The in-memory checkpoint of the next step.</summary>
    public required Checkpoint NextCheckpoint { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "continueToNextStep";
}
