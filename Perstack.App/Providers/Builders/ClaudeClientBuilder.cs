using Anthropic.Bedrock;
using Anthropic.Vertex;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Builders;

/// <summary>
/// The chat clients of the providers serving Claude: the Anthropic API, Amazon Bedrock and Google Vertex AI, all
/// through <see cref="AnthropicChatClient"/> with the cloud's request signing.
/// </summary>
internal static class ClaudeClientBuilder
{
    /// <summary>Default Anthropic endpoint (the client appends <c>/v1/messages</c>).</summary>
    public const string AnthropicDefaultBaseUrl = "https://api.anthropic.com";

    /// <summary>Default Vertex AI location.</summary>
    public const string VertexDefaultLocation = "global";

    public static AnthropicChatClient Anthropic(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("ANTHROPIC_API_KEY");
        var baseUrl = ChatClientFactory.AnthropicBaseUrl(ChatClientFactory.Endpoint(values.Optional(request.Setting.BaseUrl, "ANTHROPIC_BASE_URL") ?? AnthropicDefaultBaseUrl).ToString());
        var endpoint = AnthropicEndpoint.Anthropic(new Uri(baseUrl)) with
        {
            Headers = new Dictionary<string, string>(headers) { ["x-api-key"] = apiKey, ["anthropic-version"] = AnthropicEndpoint.ApiVersion },
        };
        return new AnthropicChatClient(http, endpoint, request.Model.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model.Model));
    }

    public static AnthropicChatClient Bedrock(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var accessKeyId = values.RequiredSecret("AWS_ACCESS_KEY_ID");
        var secretAccessKey = values.RequiredSecret("AWS_SECRET_ACCESS_KEY");
        var region = values.Required(request.Setting.Region, "AWS_REGION");
        var sessionToken = values.OptionalSecret("AWS_SESSION_TOKEN");
        IAnthropicBedrockCredentials credentials = sessionToken is null
            ? new AnthropicBedrockPrivateKeyCredentials { Region = region, ApiAccessKey = accessKeyId, ApiSecret = secretAccessKey }
            : new BedrockSigV4Credentials(region, accessKeyId, secretAccessKey, sessionToken);
        var baseUrl = string.IsNullOrWhiteSpace(request.Setting.BaseUrl) ? $"https://bedrock-runtime.{region}.amazonaws.com" : request.Setting.BaseUrl;
        var endpoint = AnthropicEndpoint.Bedrock(ChatClientFactory.Endpoint(baseUrl)) with
        {
            Headers = headers,
            Authorize = async message => await credentials.Apply(message).ConfigureAwait(false),
        };
        return new AnthropicChatClient(http, endpoint, request.Model.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model.Model));
    }

    public static AnthropicChatClient Vertex(
        ProviderRequest request,
        ProviderValues values,
        IReadOnlyDictionary<string, string> headers,
        HttpClient http,
        Func<string, string, IAnthropicVertexCredentials> vertexCredentials)
    {
        var project = values.Required(request.Setting.Project, "GOOGLE_VERTEX_PROJECT");
        var location = values.Optional(request.Setting.Location, "GOOGLE_VERTEX_LOCATION") ?? VertexDefaultLocation;
        var baseUrl = values.Optional(request.Setting.BaseUrl, "GOOGLE_VERTEX_BASE_URL")
            ?? $"https://{(location == "global" ? "" : location + "-")}aiplatform.googleapis.com";
        var credentials = new LazyVertexCredentials(location, project, vertexCredentials);
        var endpoint = AnthropicEndpoint.Vertex(ChatClientFactory.Endpoint(baseUrl), project, location) with
        {
            Headers = headers,
            Authorize = credentials.ApplyAsync,
        };
        return new AnthropicChatClient(http, endpoint, request.Model.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model.Model));
    }
}
