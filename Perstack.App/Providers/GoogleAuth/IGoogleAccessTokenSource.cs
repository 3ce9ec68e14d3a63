namespace Perstack.App.Providers.GoogleAuth;

/// <summary>Where Google OAuth access tokens come from: a service account key, a user's refresh token, a metadata server.</summary>
internal interface IGoogleAccessTokenSource
{
    /// <summary>Fetches a new access token.</summary>
    /// <exception cref="GoogleCredentialsException">The credentials are unusable or the token endpoint refused them.</exception>
    Task<GoogleAccessToken> FetchAsync(CancellationToken cancellationToken);
}
