namespace Perstack.Core.Domain.Events;

/// <summary>The final answer, whole (today's TypeScript Perstack).</summary>
public sealed record CompleteStreamingRunResultEvent : RunEvent
{
    /// <summary>The answer.</summary>
    public required string Text { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "completeStreamingRunResult";
}
