namespace Perstack.Core.Domain.Messages;

/// <summary>The assistant turn: thinking first, then text, then tool calls (older files: tool calls, then text).</summary>
public sealed record ExpertMessage : Message;
