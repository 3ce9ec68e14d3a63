namespace Perstack.Core.Domain;

/// <summary>Points from a delegate's checkpoint back to its parent.</summary>
public sealed record DelegatedBy
{
    /// <summary>The parent expert.</summary>
    public required ExpertRef Expert { get; init; }

    /// <summary>The parent's tool call.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>The parent's tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>The parent's <c>stoppedByDelegate</c> checkpoint.</summary>
    public required CheckpointId CheckpointId { get; init; }

    /// <summary>The parent's run: required by today's TypeScript schema, absent in the seed's files (always written).</summary>
    public RunId? RunId { get; init; }
}
