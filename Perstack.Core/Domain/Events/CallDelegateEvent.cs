using System.Text.Json.Serialization;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>
/// The model delegated to other experts. Written in both shapes: <c>toolCalls</c> (every delegate call of the step,
/// today's TypeScript Perstack) and <c>toolCall</c> (the first one, the seed's); either is enough to read it.
/// </summary>
public sealed record CallDelegateEvent : RunEvent
{
    /// <summary>The expert message.</summary>
    public required Message NewMessage { get; init; }

    /// <summary>The first delegate call (the seed's shape).</summary>
    public ToolCall? ToolCall { get; init; }

    /// <summary>Every delegate call of the step (today's shape).</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Usage of the call.</summary>
    public required Usage Usage { get; init; }

    /// <summary>The delegate calls, whichever shape the file had.</summary>
    [JsonIgnore]
    public IReadOnlyList<ToolCall> Calls => ToolCalls is { Count: > 0 } calls ? calls : ToolCall is { } call ? [call] : [];

    /// <summary>The event for <paramref name="calls"/>, in both shapes.</summary>
    public static CallDelegateEvent For(Message newMessage, IReadOnlyList<ToolCall> calls, Usage usage) =>
        new() { NewMessage = newMessage, ToolCall = calls[0], ToolCalls = calls, Usage = usage };

    /// <inheritdoc />
    protected override string TypeName => "callDelegate";
}
