namespace Perstack.Core.Domain.Events;

/// <summary>The final answer started streaming (today's TypeScript Perstack; a display hint).</summary>
public sealed record StartStreamingRunResultEvent : RunEvent
{
    /// <inheritdoc />
    protected override string TypeName => "startStreamingRunResult";
}
