namespace Perstack.Core.Domain.Events;

/// <summary>Tool results came back.</summary>
public sealed record ResolveToolResultsEvent : RunEvent
{
    /// <summary>The results.</summary>
    public required IReadOnlyList<ToolResult> ToolResults { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "resolveToolResults";
}
