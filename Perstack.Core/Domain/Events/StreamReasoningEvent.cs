namespace Perstack.Core.Domain.Events;

/// <summary>A piece of the model's reasoning as it streamed (today's TypeScript Perstack; files of these may be corrupt there).</summary>
public sealed record StreamReasoningEvent : RunEvent
{
    /// <summary>The piece (may be empty).</summary>
    public required string Delta { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "streamReasoning";
}
