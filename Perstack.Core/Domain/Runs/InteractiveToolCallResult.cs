namespace Perstack.Core.Domain.Runs;

/// <summary>A human's answer to an interactive tool call (or a delegate's answer to its parent).</summary>
public sealed record InteractiveToolCallResult
{
    /// <summary>The tool call answered.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Its tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>
    /// The skill that owns the tool: required by today's TypeScript schema, so always written (<c>""</c> when unknown,
    /// as the reference writes it; the seed's files lack it and read as <c>""</c>).
    /// </summary>
    public string SkillName { get; init; } = "";

    /// <summary>The answer.</summary>
    public required string Text { get; init; }
}
