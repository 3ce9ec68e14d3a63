namespace Perstack.Core.Domain.Messages;

/// <summary>A file by URL.</summary>
public sealed record FileUrlPart : MessagePart
{
    /// <summary>The URL.</summary>
    public required string Url { get; init; }

    /// <summary>MIME type.</summary>
    public required string MimeType { get; init; }
}
