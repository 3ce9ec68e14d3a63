using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>A generation failed or produced no tool call and will be retried.</summary>
public sealed record RetryEvent : RunEvent
{
    /// <summary>Why (a JSON string).</summary>
    public required string Reason { get; init; }

    /// <summary>Messages added.</summary>
    public required IReadOnlyList<Message> NewMessages { get; init; }

    /// <summary>Tool calls, if any.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Tool results, if any.</summary>
    public IReadOnlyList<ToolResult>? ToolResults { get; init; }

    /// <summary>Usage of the failed call.</summary>
    public required Usage Usage { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "retry";
}
