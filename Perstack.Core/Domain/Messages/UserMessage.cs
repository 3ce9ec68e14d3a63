namespace Perstack.Core.Domain.Messages;

/// <summary>A user turn: text, images or files.</summary>
public sealed record UserMessage : Message;
