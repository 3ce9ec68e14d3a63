namespace Perstack.Core.Domain.Messages;

/// <summary>An image held as binary text (internal use).</summary>
public sealed record ImageBinaryPart : MessagePart
{
    /// <summary>The data.</summary>
    public required string Data { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }
}
