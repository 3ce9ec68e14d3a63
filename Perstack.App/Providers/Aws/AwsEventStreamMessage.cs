namespace Perstack.App.Providers.Aws;

/// <summary>One message of an AWS event stream: its string headers (<c>:message-type</c>, <c>:event-type</c>, …) and payload.</summary>
/// <param name="Headers">The string-valued headers; other header types are skipped.</param>
/// <param name="Payload">The payload bytes (JSON for Bedrock).</param>
internal sealed record AwsEventStreamMessage(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Payload)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>True for an <c>event</c> message (not an <c>exception</c> or <c>error</c>).</summary>
    public bool IsEvent => Header(":message-type") == "event";
}
