namespace Perstack.Core.Domain.Messages;

/// <summary>A file held as binary text (internal use).</summary>
public sealed record FileBinaryPart : MessagePart
{
    /// <summary>The data.</summary>
    public required string Data { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }
}
