namespace Perstack.App.Providers.AnthropicApi;

/// <summary>The source of an image or document block: <c>base64</c> data or a <c>url</c>.</summary>
internal sealed record WireSource
{
    public required string Type { get; init; }

    public string? MediaType { get; init; }

    public string? Data { get; init; }

    public string? Url { get; init; }
}
