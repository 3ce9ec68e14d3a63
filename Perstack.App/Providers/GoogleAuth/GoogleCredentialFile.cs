using System.Text.Json.Serialization;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// The fields of an Application Default Credentials file that this reader uses: a service account key
/// (<c>type = service_account</c>) or a user's <c>gcloud auth application-default login</c> (<c>authorized_user</c>).
/// </summary>
internal sealed record GoogleCredentialFile
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("client_email")]
    public string? ClientEmail { get; init; }

    [JsonPropertyName("private_key")]
    public string? PrivateKey { get; init; }

    [JsonPropertyName("private_key_id")]
    public string? PrivateKeyId { get; init; }

    [JsonPropertyName("token_uri")]
    public string? TokenUri { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>A field's value, or one line naming the field missing from <paramref name="file"/>.</summary>
    /// <exception cref="GoogleCredentialsException">It is missing or blank.</exception>
    public static string Require(string? value, string field, string file) =>
        string.IsNullOrWhiteSpace(value) ? throw new GoogleCredentialsException($"{file}: {field} is missing") : value;

    /// <inheritdoc />
    public override string ToString() => $"Google credentials file ({Type})";
}
