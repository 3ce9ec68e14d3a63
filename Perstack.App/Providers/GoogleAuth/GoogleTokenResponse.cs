using System.Text.Json.Serialization;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>An OAuth token endpoint's (or a metadata server's) answer: a token, or an error code.</summary>
internal sealed record GoogleTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Google token response (error: {Error ?? "none"})";
}
