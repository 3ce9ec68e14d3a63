namespace Perstack.Core.Domain.Messages;

/// <summary>Text.</summary>
public sealed record TextPart : MessagePart
{
    /// <summary>The text.</summary>
    public required string Text { get; init; }
}
