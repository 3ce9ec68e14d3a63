namespace Perstack.Core.Domain.Events;

/// <summary>The model started streaming its reasoning (today's TypeScript Perstack; a display hint).</summary>
public sealed record StartStreamingReasoningEvent : RunEvent
{
    /// <inheritdoc />
    protected override string TypeName => "startStreamingReasoning";
}
