using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>The model delegated to another expert.</summary>
public sealed record CallDelegateEvent : RunEvent
{
    /// <summary>The expert message.</summary>
    public required Message NewMessage { get; init; }

    /// <summary>The call.</summary>
    public required ToolCall ToolCall { get; init; }

    /// <summary>Usage of the call.</summary>
    public required Usage Usage { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "callDelegate";
}
