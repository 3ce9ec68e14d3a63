namespace Perstack.Core.Domain.Events;

/// <summary>The model's reasoning of one generation, whole (today's TypeScript Perstack).</summary>
public sealed record CompleteStreamingReasoningEvent : RunEvent
{
    /// <summary>The reasoning.</summary>
    public required string Text { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "completeStreamingReasoning";
}
