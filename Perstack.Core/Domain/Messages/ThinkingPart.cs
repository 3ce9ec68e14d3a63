namespace Perstack.Core.Domain.Messages;

/// <summary>
/// The model's reasoning in an expert message (today's TypeScript Perstack; the seed's rejects a checkpoint that
/// holds one). Sent back to providers that take it (Anthropic, with its signature, first in the assistant turn).
/// </summary>
public sealed record ThinkingPart : MessagePart
{
    /// <summary>The reasoning text; <c>""</c> for redacted thinking.</summary>
    public required string Thinking { get; init; }

    /// <summary>Anthropic's signature of the thinking block (which the API requires back); absent for other providers.</summary>
    public string? Signature { get; init; }

    /// <summary>
    /// Perstack.NET addition: the encrypted <c>data</c> of an Anthropic <c>redacted_thinking</c> block, kept as is so
    /// it can be sent back (the TypeScript Perstack drops it; its readers ignore the field).
    /// </summary>
    public string? RedactedData { get; init; }
}
