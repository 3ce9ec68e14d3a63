namespace Perstack.Core.Domain.Runs;

/// <summary>A human's answer to an interactive tool call.</summary>
public sealed record InteractiveToolCallResult
{
    /// <summary>The tool call answered.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Its tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>The skill that owns the tool (added at the reference's HEAD).</summary>
    public string? SkillName { get; init; }

    /// <summary>The answer.</summary>
    public required string Text { get; init; }
}
