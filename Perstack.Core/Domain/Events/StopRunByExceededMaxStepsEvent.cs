namespace Perstack.Core.Domain.Events;

/// <summary>The run stopped at the step limit.</summary>
public sealed record StopRunByExceededMaxStepsEvent : RunEvent
{
    /// <summary>The stored checkpoint.</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "stopRunByExceededMaxSteps";
}
