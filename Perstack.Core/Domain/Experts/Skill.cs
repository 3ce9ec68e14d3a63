using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Experts;

/// <summary>A skill of an expert; JSON discriminated by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(McpStdioSkill), "mcpStdioSkill")]
[JsonDerivedType(typeof(McpSseSkill), "mcpSseSkill")]
[JsonDerivedType(typeof(InteractiveSkill), "interactiveSkill")]
public abstract record Skill
{
    /// <summary>Skill name (the map key).</summary>
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Rule text added to the system prompt.</summary>
    public string? Rule { get; init; }
}
