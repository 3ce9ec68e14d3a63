using Perstack.Core.Providers;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// Where and how a Messages API request goes: the Anthropic API itself (<c>/v1/messages</c>, key header, SSE) or
/// Google Vertex AI (<c>…/models/{id}:rawPredict|:streamRawPredict</c>, OAuth bearer, SSE). Bedrock is reached
/// through its Converse API instead (<see cref="BedrockApi.ConverseChatClient"/>), as the reference does.
/// </summary>
internal sealed record AnthropicEndpoint
{
    /// <summary>The Messages API version this client speaks.</summary>
    public const string ApiVersion = "2023-06-01";

    private AnthropicEndpoint(string provider, Uri baseUri, Func<string, bool, Uri> url, string? bodyVersion)
    {
        Provider = provider;
        BaseUri = baseUri;
        Url = url;
        BodyVersion = bodyVersion;
    }

    /// <summary>The provider name, for <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/>.</summary>
    public string Provider { get; }

    /// <summary>The base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>The request URL for (model, streaming).</summary>
    public Func<string, bool, Uri> Url { get; }

    /// <summary>Vertex's <c>anthropic_version</c> in the body; null for the Anthropic API.</summary>
    public string? BodyVersion { get; }

    /// <summary>Headers of every request (API version, key, <c>[provider.setting].headers</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Signs or authorizes a request whose body is set; called last, just before it is sent.</summary>
    public Func<HttpRequestMessage, ValueTask>? Authorize { get; init; }

    /// <summary>Drops a refused bearer token after a 401; true when the request is worth sending once more.</summary>
    public Func<bool>? RenewAuthorization { get; init; }

    /// <summary>The Anthropic API at <paramref name="baseUri"/> (without <c>/v1</c>).</summary>
    public static AnthropicEndpoint Anthropic(Uri baseUri) =>
        new(ProviderName.Anthropic.Value, baseUri, (_, _) => Combine(baseUri, "v1/messages"), null);

    /// <summary>Vertex AI at <paramref name="baseUri"/> for a project and location.</summary>
    public static AnthropicEndpoint Vertex(Uri baseUri, string project, string location) =>
        new(
            "gcp.vertex_ai",
            baseUri,
            (model, stream) => Combine(
                baseUri,
                $"v1/projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/anthropic/models/{Uri.EscapeDataString(model)}:{(stream ? "streamRawPredict" : "rawPredict")}"),
            "vertex-2023-10-16");

    private static Uri Combine(Uri baseUri, string path) => new($"{baseUri.ToString().TrimEnd('/')}/{path}");
}
