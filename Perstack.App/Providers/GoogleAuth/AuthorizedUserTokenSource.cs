namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// A user's credentials from <c>gcloud auth application-default login</c> (<c>authorized_user</c>): the refresh token is
/// exchanged at the token endpoint for an access token.
/// </summary>
internal sealed class AuthorizedUserTokenSource(HttpClient http, TimeProvider time, string clientId, string clientSecret, string refreshToken, Uri tokenUri, string file)
    : IGoogleAccessTokenSource
{
    /// <summary>Reads an <c>authorized_user</c> credentials file's fields.</summary>
    /// <exception cref="GoogleCredentialsException">A field is missing.</exception>
    public static AuthorizedUserTokenSource Create(GoogleCredentialFile credentials, string file, HttpClient http, TimeProvider time) => new(
        http,
        time,
        GoogleCredentialFile.Require(credentials.ClientId, "client_id", file),
        GoogleCredentialFile.Require(credentials.ClientSecret, "client_secret", file),
        GoogleCredentialFile.Require(credentials.RefreshToken, "refresh_token", file),
        GoogleTokenEndpoint.Validate(credentials.TokenUri, file),
        file);

    /// <inheritdoc />
    public async Task<GoogleAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
            new("refresh_token", refreshToken),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUri) { Content = form };
        return await GoogleTokenEndpoint.FetchAsync(http, request, time, $"The token endpoint of {file}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"user credentials of {file}";

}
