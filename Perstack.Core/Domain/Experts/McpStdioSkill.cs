namespace Perstack.Core.Domain.Experts;

/// <summary>An MCP server started as a child process.</summary>
public sealed record McpStdioSkill : Skill
{
    /// <summary>Tools to keep (empty: all).</summary>
    public IReadOnlyList<string> Pick { get; init; } = [];

    /// <summary>Tools to drop.</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    /// <summary>Command to run.</summary>
    public required string Command { get; init; }

    /// <summary>Package to run through npx/uvx.</summary>
    public string? PackageName { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables passed to the child.</summary>
    public IReadOnlyList<string> RequiredEnv { get; init; } = [];

    /// <summary>Connect on first use.</summary>
    public bool LazyInit { get; init; }
}
