namespace Perstack.Core.Domain.Events;

/// <summary>The run stopped to run a delegate.</summary>
public sealed record StopRunByDelegateEvent : RunEvent
{
    /// <summary>The stored checkpoint.</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "stopRunByDelegate";
}
