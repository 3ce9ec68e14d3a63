namespace Perstack.Core.Domain.Events;

/// <summary>Pending tool calls are resumed.</summary>
public sealed record ResumeToolCallsEvent : RunEvent
{
    /// <summary>Calls still to make.</summary>
    public required IReadOnlyList<ToolCall> PendingToolCalls { get; init; }

    /// <summary>Results so far.</summary>
    public required IReadOnlyList<ToolResult> PartialToolResults { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "resumeToolCalls";
}
