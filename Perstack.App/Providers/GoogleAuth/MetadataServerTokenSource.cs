namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// The access token of the service account attached to a Google Cloud machine, from its metadata server. Used only
/// when <c>GCE_METADATA_HOST</c> names the server: perstack never probes the link-local address on its own, so a run
/// off Google Cloud never waits on it, and tests point it at a stand-in on 127.0.0.1.
/// </summary>
internal sealed class MetadataServerTokenSource(HttpClient http, TimeProvider time, Uri tokenUri) : IGoogleAccessTokenSource
{
    /// <summary>The variable that names the metadata server (host, optionally with a port), as Google's own libraries read it.</summary>
    public const string HostVariable = "GCE_METADATA_HOST";

    /// <summary>The token URL on the metadata server named by <paramref name="host"/>.</summary>
    /// <exception cref="GoogleCredentialsException"><paramref name="host"/> is not a host name with an optional port.</exception>
    public static MetadataServerTokenSource Create(string host, HttpClient http, TimeProvider time) =>
        Uri.TryCreate($"http://{host}/computeMetadata/v1/instance/service-accounts/default/token", UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/computeMetadata/v1/instance/service-accounts/default/token"
            && uri.UserInfo.Length == 0
            && !host.Contains('@', StringComparison.Ordinal)
            ? new MetadataServerTokenSource(http, time, uri)
            : throw new GoogleCredentialsException($"{HostVariable} must be a host name with an optional port (got \"{host}\")");

    /// <inheritdoc />
    public async Task<GoogleAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        request.Headers.Add("Metadata-Flavor", "Google");
        return await GoogleTokenEndpoint.FetchAsync(http, request, time, $"The metadata server {tokenUri.Authority}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"metadata server {tokenUri.Authority}";
}
