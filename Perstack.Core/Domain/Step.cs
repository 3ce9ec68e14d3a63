using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain;

/// <summary>One step, as carried by events (never stored as a file of its own).</summary>
public sealed record Step
{
    /// <summary>Job-wide step number.</summary>
    public required long StepNumber { get; init; }

    /// <summary>Messages that started the step.</summary>
    public IReadOnlyList<Message>? InputMessages { get; init; }

    /// <summary>Messages the step added.</summary>
    public required IReadOnlyList<Message> NewMessages { get; init; }

    /// <summary>Tool calls of the step.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Tool results of the step.</summary>
    public IReadOnlyList<ToolResult>? ToolResults { get; init; }

    /// <summary>Calls left to answer.</summary>
    public IReadOnlyList<ToolCall>? PendingToolCalls { get; init; }

    /// <summary>Results gathered before a stop.</summary>
    public IReadOnlyList<ToolResult>? PartialToolResults { get; init; }

    /// <summary>This step's usage only.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Start, epoch ms.</summary>
    public long StartedAt { get; init; }

    /// <summary>End, epoch ms.</summary>
    public long? FinishedAt { get; init; }
}
