namespace Perstack.Core.Domain.Events;

/// <summary>A piece of the final answer as it streamed (today's TypeScript Perstack).</summary>
public sealed record StreamRunResultEvent : RunEvent
{
    /// <summary>The piece (may be empty).</summary>
    public required string Delta { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "streamRunResult";
}
