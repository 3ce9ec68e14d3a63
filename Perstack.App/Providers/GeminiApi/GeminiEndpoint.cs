namespace Perstack.App.Providers.GeminiApi;

/// <summary>
/// Where a Gemini request goes: <c>{base}/models/{id}:generateContent</c> (or <c>:streamGenerateContent?alt=sse</c>),
/// the base being the Gemini API's <c>…/v1beta</c> or Vertex AI's <c>…/v1/projects/{p}/locations/{l}/publishers/google</c>.
/// A model id with a slash (<c>tunedModels/…</c>, <c>models/…</c>) is used as the path, as the AI SDK does.
/// </summary>
/// <param name="Provider">The provider name for <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/>.</param>
/// <param name="BaseUri">The base.</param>
internal sealed record GeminiEndpoint(string Provider, Uri BaseUri)
{
    /// <summary>Headers of every request (the API key, <c>[provider.setting].headers</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Authorizes a request (Vertex's OAuth bearer), called last, just before it is sent.</summary>
    public Func<HttpRequestMessage, ValueTask>? Authorize { get; init; }

    /// <summary>Drops a refused bearer token after a 401; true when the request is worth sending once more.</summary>
    public Func<bool>? RenewAuthorization { get; init; }

    /// <summary>Safety settings sent with every request (<c>[provider.setting].safetySettings</c>), or null.</summary>
    public IReadOnlyList<GeminiSafetySettingWire>? SafetySettings { get; init; }

    /// <summary>The request URL for (model, streaming).</summary>
    public Uri Url(string model, bool stream)
    {
        var path = model.Contains('/', StringComparison.Ordinal)
            ? string.Join('/', model.Split('/').Select(Uri.EscapeDataString))
            : $"models/{Uri.EscapeDataString(model)}";
        return new Uri($"{BaseUri.ToString().TrimEnd('/')}/{path}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}");
    }
}
