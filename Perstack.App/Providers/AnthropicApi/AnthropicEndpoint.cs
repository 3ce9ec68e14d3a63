using Perstack.Core.Providers;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// Where and how a Messages API request goes: the Anthropic API itself (<c>/v1/messages</c>, key header, SSE),
/// Amazon Bedrock (<c>/model/{id}/invoke[-with-response-stream]</c>, SigV4, AWS event stream) or Google Vertex AI
/// (<c>…/models/{id}:rawPredict|:streamRawPredict</c>, OAuth bearer, SSE).
/// </summary>
internal sealed record AnthropicEndpoint
{
    /// <summary>The Messages API version this client speaks.</summary>
    public const string ApiVersion = "2023-06-01";

    private AnthropicEndpoint(string provider, Uri baseUri, Func<string, bool, Uri> url, string? bodyVersion, bool awsEventStream)
    {
        Provider = provider;
        BaseUri = baseUri;
        Url = url;
        BodyVersion = bodyVersion;
        AwsEventStream = awsEventStream;
    }

    /// <summary>The provider name, for <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/>.</summary>
    public string Provider { get; }

    /// <summary>The base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>The request URL for (model, streaming).</summary>
    public Func<string, bool, Uri> Url { get; }

    /// <summary>Bedrock's and Vertex's <c>anthropic_version</c> in the body; null for the Anthropic API.</summary>
    public string? BodyVersion { get; }

    /// <summary>True when a streamed reply comes as an AWS event stream instead of SSE.</summary>
    public bool AwsEventStream { get; }

    /// <summary>Headers of every request (API version, key, <c>[provider.setting].headers</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Signs or authorizes a request whose body is set; called last, just before it is sent.</summary>
    public Func<HttpRequestMessage, ValueTask>? Authorize { get; init; }

    /// <summary>The Anthropic API at <paramref name="baseUri"/> (without <c>/v1</c>).</summary>
    public static AnthropicEndpoint Anthropic(Uri baseUri) =>
        new(ProviderName.Anthropic.Value, baseUri, (_, _) => Combine(baseUri, "v1/messages"), null, awsEventStream: false);

    /// <summary>Bedrock runtime at <paramref name="baseUri"/>.</summary>
    public static AnthropicEndpoint Bedrock(Uri baseUri) =>
        new(
            "aws.bedrock",
            baseUri,
            (model, stream) => Combine(baseUri, $"model/{Uri.EscapeDataString(model)}/{(stream ? "invoke-with-response-stream" : "invoke")}"),
            "bedrock-2023-05-31",
            awsEventStream: true);

    /// <summary>Vertex AI at <paramref name="baseUri"/> for a project and location.</summary>
    public static AnthropicEndpoint Vertex(Uri baseUri, string project, string location) =>
        new(
            "gcp.vertex_ai",
            baseUri,
            (model, stream) => Combine(
                baseUri,
                $"v1/projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/anthropic/models/{Uri.EscapeDataString(model)}:{(stream ? "streamRawPredict" : "rawPredict")}"),
            "vertex-2023-10-16",
            awsEventStream: false);

    private static Uri Combine(Uri baseUri, string path) => new($"{baseUri.ToString().TrimEnd('/')}/{path}");
}
