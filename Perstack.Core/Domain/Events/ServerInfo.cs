namespace Perstack.Core.Domain.Events;

/// <summary>What an MCP server says about itself.</summary>
public sealed record ServerInfo
{
    /// <summary>Server name.</summary>
    public required string Name { get; init; }

    /// <summary>Server version.</summary>
    public required string Version { get; init; }
}
