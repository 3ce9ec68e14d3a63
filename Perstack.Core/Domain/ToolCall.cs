using System.Text.Json;

namespace Perstack.Core.Domain;

/// <summary>A tool call the model made.</summary>
public sealed record ToolCall
{
    /// <summary>The provider's tool call id.</summary>
    public required string Id { get; init; }

    /// <summary>The skill that owns the tool.</summary>
    public required string SkillName { get; init; }

    /// <summary>The tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>The arguments, a JSON object.</summary>
    public required JsonElement Args { get; init; }
}
