namespace Perstack.Core.Domain.Messages;

/// <summary>An image by URL.</summary>
public sealed record ImageUrlPart : MessagePart
{
    /// <summary>The URL.</summary>
    public required string Url { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }
}
