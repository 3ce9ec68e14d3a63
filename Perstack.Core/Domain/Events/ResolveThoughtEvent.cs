namespace Perstack.Core.Domain.Events;

/// <summary>A think result (defined by the reference, never emitted).</summary>
public sealed record ResolveThoughtEvent : RunEvent
{
    /// <summary>The result.</summary>
    public required ToolResult ToolResult { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "resolveThought";
}
