namespace Perstack.Core.Domain.Events;

/// <summary>The run stopped for a human answer.</summary>
public sealed record StopRunByInteractiveToolEvent : RunEvent
{
    /// <summary>The stored checkpoint.</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "stopRunByInteractiveTool";
}
