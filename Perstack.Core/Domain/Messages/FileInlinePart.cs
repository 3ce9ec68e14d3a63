namespace Perstack.Core.Domain.Messages;

/// <summary>A base64 file.</summary>
public sealed record FileInlinePart : MessagePart
{
    /// <summary>Base64 data.</summary>
    public required string EncodedData { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }
}
