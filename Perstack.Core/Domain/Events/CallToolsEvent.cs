using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>The model called tools.</summary>
public sealed record CallToolsEvent : RunEvent
{
    /// <summary>The expert message.</summary>
    public required Message NewMessage { get; init; }

    /// <summary>The calls.</summary>
    public required IReadOnlyList<ToolCall> ToolCalls { get; init; }

    /// <summary>Usage of the call.</summary>
    public required Usage Usage { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "callTools";
}
