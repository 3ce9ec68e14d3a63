namespace Perstack.Core.Domain.Messages;

/// <summary>Tool results.</summary>
public sealed record ToolMessage : Message;
