using Perstack.App.Providers.GoogleAuth;
using Perstack.App.Providers.GeminiApi;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Builders;

/// <summary>
/// The chat clients of Gemini: <c>google</c> (the Gemini API with <c>GOOGLE_GENERATIVE_AI_API_KEY</c>) and
/// <c>google-vertex</c> with a Gemini model id (Vertex AI's <c>publishers/google</c>, Google Application Default
/// Credentials). On Vertex, a <c>claude-*</c> model id goes to Claude instead (<see cref="ClaudeClientBuilder"/>):
/// <see cref="IsClaudeOnVertex"/> is that one rule.
/// </summary>
internal static class GeminiClientBuilder
{
    /// <summary>Default Gemini API base (the AI SDK's, with the API version).</summary>
    public const string GoogleDefaultBaseUrl = "https://generativelanguage.googleapis.com/v1beta";

    /// <summary>Whether a <c>google-vertex</c> model id names a Claude model (served by Anthropic's publisher on Vertex).</summary>
    public static bool IsClaudeOnVertex(string model) => model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase);

    public static GeminiChatClient Google(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("GOOGLE_GENERATIVE_AI_API_KEY");
        var baseUrl = (values.Optional(request.Setting.BaseUrl, "GOOGLE_GENERATIVE_AI_BASE_URL") ?? GoogleDefaultBaseUrl).TrimEnd('/');

        // Earlier versions took the OpenAI-compatible API's URL (…/v1beta/openai); the native API is its parent.
        if (baseUrl.EndsWith("/openai", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^"/openai".Length];
        }

        var endpoint = new GeminiEndpoint("gcp.gemini", ChatClientFactory.Endpoint(baseUrl))
        {
            Headers = new Dictionary<string, string>(headers) { ["x-goog-api-key"] = apiKey },
            SafetySettings = SafetySettings(request),
        };
        return new GeminiChatClient(http, endpoint, request.Model.Model);
    }

    public static GeminiChatClient Vertex(
        ProviderRequest request,
        ProviderValues values,
        IReadOnlyDictionary<string, string> headers,
        HttpClient http,
        GoogleBearerAuthorizer authorizer)
    {
        var project = values.Required(request.Setting.Project, "GOOGLE_VERTEX_PROJECT");
        var location = values.Optional(request.Setting.Location, "GOOGLE_VERTEX_LOCATION") ?? ClaudeClientBuilder.VertexDefaultLocation;
        var configured = values.Optional(request.Setting.BaseUrl, "GOOGLE_VERTEX_BASE_URL")?.TrimEnd('/');

        // The AI SDK's setting is the whole base (…/v1/projects/{p}/locations/{l}/publishers/google); an origin alone
        // (this runtime's earlier form, shared with Claude on Vertex) gets the path appended.
        var baseUrl = configured is not null && configured.Contains("/projects/", StringComparison.Ordinal)
            ? configured
            : $"{configured ?? ClaudeClientBuilder.VertexOrigin(location)}/v1/projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/google";
        var endpoint = new GeminiEndpoint("gcp.vertex_ai", ChatClientFactory.Endpoint(baseUrl))
        {
            Headers = headers,
            Authorize = authorizer.ApplyAsync,
            RenewAuthorization = authorizer.Forget,
            SafetySettings = SafetySettings(request),
        };
        return new GeminiChatClient(http, endpoint, request.Model.Model);
    }

    private static List<GeminiSafetySettingWire>? SafetySettings(ProviderRequest request) =>
        request.Setting.SafetySettings is { Count: > 0 } settings ? [.. settings.Select(s => new GeminiSafetySettingWire(s.Category, s.Threshold))] : null;
}
