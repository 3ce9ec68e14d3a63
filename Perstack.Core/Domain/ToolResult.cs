using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain;

/// <summary>The result of a tool call.</summary>
public sealed record ToolResult
{
    /// <summary>Equal to the tool call id.</summary>
    public required string Id { get; init; }

    /// <summary>The skill that owns the tool.</summary>
    public required string SkillName { get; init; }

    /// <summary>The tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>The result parts.</summary>
    public required IReadOnlyList<MessagePart> Result { get; init; }
}
