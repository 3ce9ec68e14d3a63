namespace Perstack.App.Providers.AnthropicApi;

/// <summary>The body of <c>POST /v1/messages</c> (and of Bedrock's <c>invoke</c> and Vertex's <c>rawPredict</c>).</summary>
internal sealed record MessagesRequest
{
    /// <summary>The model; absent for Bedrock and Vertex, which take it from the URL.</summary>
    public string? Model { get; init; }

    /// <summary>The body's API version, which Bedrock and Vertex require instead of the <c>anthropic-version</c> header.</summary>
    public string? AnthropicVersion { get; init; }

    public required int MaxTokens { get; init; }

    public IReadOnlyList<WireBlock>? System { get; init; }

    public required IReadOnlyList<WireMessage> Messages { get; init; }

    public IReadOnlyList<WireTool>? Tools { get; init; }

    public WireToolChoice? ToolChoice { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public WireThinking? Thinking { get; init; }

    /// <summary>True for SSE; absent for Bedrock and Vertex, which take it from the URL.</summary>
    public bool? Stream { get; init; }
}
