namespace Perstack.Core.Domain.Events;

/// <summary>The run completed.</summary>
public sealed record CompleteRunEvent : RunEvent
{
    /// <summary>The stored checkpoint.</summary>
    public required Checkpoint Checkpoint { get; init; }

    /// <summary>The step.</summary>
    public required Step Step { get; init; }

    /// <summary>The final answer.</summary>
    public required string Text { get; init; }

    /// <summary>Usage of the final call.</summary>
    public required Usage Usage { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "completeRun";
}
