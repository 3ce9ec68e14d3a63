using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>All pending tool calls are answered.</summary>
public sealed record FinishAllToolCallsEvent : RunEvent
{
    /// <summary>Messages added.</summary>
    public required IReadOnlyList<Message> NewMessages { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "finishAllToolCalls";
}
