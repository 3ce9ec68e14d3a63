namespace Perstack.Core.Domain.Messages;

/// <summary>The system prompt (text parts only).</summary>
public sealed record InstructionMessage : Message;
