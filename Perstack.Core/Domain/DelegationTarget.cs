namespace Perstack.Core.Domain;

/// <summary>A delegate expert a stopped step is waiting for.</summary>
public sealed record DelegationTarget
{
    /// <summary>The delegate expert.</summary>
    public required ExpertRef Expert { get; init; }

    /// <summary>The tool call that asked for the delegation.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>The tool name used.</summary>
    public required string ToolName { get; init; }

    /// <summary>The query given to the delegate.</summary>
    public required string Query { get; init; }
}
