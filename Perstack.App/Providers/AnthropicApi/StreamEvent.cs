namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// One event of a streamed message: <c>message_start</c>, <c>content_block_start</c>/<c>_delta</c>/<c>_stop</c>,
/// <c>message_delta</c>, <c>message_stop</c>, <c>ping</c> or <c>error</c>.
/// </summary>
internal sealed record StreamEvent
{
    public required string Type { get; init; }

    public MessagesResponse? Message { get; init; }

    public int? Index { get; init; }

    public WireBlock? ContentBlock { get; init; }

    public StreamDelta? Delta { get; init; }

    public WireUsage? Usage { get; init; }

    public WireError? Error { get; init; }
}
