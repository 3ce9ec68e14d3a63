namespace Perstack.App.Providers.AnthropicApi;

/// <summary>A message from the Messages API (the whole reply, or the start of a stream).</summary>
internal sealed record MessagesResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<WireBlock>? Content { get; init; }

    public string? StopReason { get; init; }

    public WireUsage? Usage { get; init; }
}
