namespace Perstack.Core.Domain.Messages;

/// <summary>The assistant turn: tool calls first, then text.</summary>
public sealed record ExpertMessage : Message;
