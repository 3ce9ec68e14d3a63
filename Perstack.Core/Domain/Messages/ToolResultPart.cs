namespace Perstack.Core.Domain.Messages;

/// <summary>A tool result inside a tool message.</summary>
public sealed record ToolResultPart : MessagePart
{
    /// <summary>Tool call id.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>Text, inline image or inline file parts.</summary>
    public required IReadOnlyList<MessagePart> Contents { get; init; }

    /// <summary>Whether the tool failed.</summary>
    public bool? IsError { get; init; }
}
