using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>Tool results were added to the conversation.</summary>
public sealed record FinishToolCallEvent : RunEvent
{
    /// <summary>Messages added.</summary>
    public required IReadOnlyList<Message> NewMessages { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "finishToolCall";
}
