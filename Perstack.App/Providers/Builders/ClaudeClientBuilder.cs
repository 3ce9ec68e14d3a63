using Perstack.App.Providers.GoogleAuth;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Builders;

/// <summary>
/// The chat clients of the Messages API: the Anthropic API, and Claude on Google Vertex AI (<c>claude-*</c> model ids
/// of <c>google-vertex</c>), through <see cref="AnthropicChatClient"/> with the cloud's authorization.
/// </summary>
internal static class ClaudeClientBuilder
{
    /// <summary>Default Anthropic endpoint (the client appends <c>/v1/messages</c>).</summary>
    public const string AnthropicDefaultBaseUrl = "https://api.anthropic.com";

    /// <summary>Default Vertex AI location.</summary>
    public const string VertexDefaultLocation = "global";

    /// <summary>Vertex AI's origin for a location (<c>global</c> has no location prefix).</summary>
    public static string VertexOrigin(string location) => $"https://{(location == "global" ? "" : location + "-")}aiplatform.googleapis.com";

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

    public static AnthropicChatClient Vertex(
        ProviderRequest request,
        ProviderValues values,
        IReadOnlyDictionary<string, string> headers,
        HttpClient http,
        GoogleBearerAuthorizer authorizer)
    {
        var project = values.Required(request.Setting.Project, "GOOGLE_VERTEX_PROJECT");
        var location = values.Optional(request.Setting.Location, "GOOGLE_VERTEX_LOCATION") ?? VertexDefaultLocation;
        var configured = values.Optional(request.Setting.BaseUrl, "GOOGLE_VERTEX_BASE_URL")?.TrimEnd('/');

        // The AI SDK's form of the setting is a whole base path (…/v1/projects/…); the Messages API path needs its origin.
        var baseUrl = configured?.Split("/v1/projects/")[0] ?? VertexOrigin(location);
        var endpoint = AnthropicEndpoint.Vertex(ChatClientFactory.Endpoint(baseUrl), project, location) with
        {
            Headers = headers,
            Authorize = authorizer.ApplyAsync,
            RenewAuthorization = authorizer.Forget,
        };
        return new AnthropicChatClient(http, endpoint, request.Model.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model.Model));
    }
}
