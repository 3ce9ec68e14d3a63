namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// The delta of a stream event: <c>text_delta</c>, <c>input_json_delta</c>, <c>thinking_delta</c>,
/// <c>signature_delta</c>, or (in <c>message_delta</c>) the stop reason.
/// </summary>
internal sealed record StreamDelta
{
    public string? Type { get; init; }

    public string? Text { get; init; }

    public string? PartialJson { get; init; }

    public string? Thinking { get; init; }

    public string? Signature { get; init; }

    public string? StopReason { get; init; }
}
