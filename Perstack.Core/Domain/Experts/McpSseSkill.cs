namespace Perstack.Core.Domain.Experts;

/// <summary>An MCP server reached over HTTP.</summary>
public sealed record McpSseSkill : Skill
{
    /// <summary>Tools to keep (empty: all).</summary>
    public IReadOnlyList<string> Pick { get; init; } = [];

    /// <summary>Tools to drop.</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    /// <summary>Server endpoint.</summary>
    public required string Endpoint { get; init; }
}
