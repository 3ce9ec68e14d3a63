using System.Text.Json;

namespace Perstack.Core.Domain.Messages;

/// <summary>A tool call inside an expert message.</summary>
public sealed record ToolCallPart : MessagePart
{
    /// <summary>Tool call id.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Tool name.</summary>
    public required string ToolName { get; init; }

    /// <summary>Arguments (any JSON).</summary>
    public required JsonElement Args { get; init; }
}
