using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// One request for an access token (an OAuth token endpoint or a metadata server) and its answer. An error names the
/// status and Google's error code only: the response body, which holds the token on success, is never quoted.
/// </summary>
internal static class GoogleTokenEndpoint
{
    /// <summary>Google's OAuth token endpoint, for credentials files that name none.</summary>
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    private const int MaxErrorTextLength = 200;

    /// <summary>
    /// A credentials file's <c>token_uri</c> as a URI the key or refresh token may be sent to: https, or http to this
    /// machine only (a local stand-in), so a tampered file cannot send a signed assertion in clear text across a network.
    /// </summary>
    /// <exception cref="GoogleCredentialsException">It is neither.</exception>
    public static Uri Validate(string? tokenUri, string file)
    {
        var text = string.IsNullOrWhiteSpace(tokenUri) ? DefaultTokenUri : tokenUri.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && string.IsNullOrEmpty(uri.UserInfo)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return uri;
        }

        throw new GoogleCredentialsException($"{file}: token_uri must be an https URL (or http on this machine): {text}");
    }

    /// <summary>Sends <paramref name="request"/> and reads the token it returns.</summary>
    /// <exception cref="GoogleCredentialsException">No token came back.</exception>
    public static async Task<GoogleAccessToken> FetchAsync(HttpClient http, HttpRequestMessage request, TimeProvider time, string source, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleCredentialsException($"{source} could not be reached ({request.RequestUri?.GetLeftPart(UriPartial.Authority)}): {ex.Message}", ex) { IsTransient = true };
        }

        using (response)
        {
            GoogleTokenResponse? body = null;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    body = await JsonSerializer.DeserializeAsync(stream, GoogleAuthJsonContext.Default.GoogleTokenResponse, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
            {
                // Reported below by status; the body is never quoted.
            }

            if (response.IsSuccessStatusCode && !string.IsNullOrEmpty(body?.AccessToken))
            {
                var lifetime = TimeSpan.FromSeconds(Math.Clamp(body.ExpiresIn ?? 3600, 1, 24 * 3600));
                return GoogleAccessToken.Expiring(body.AccessToken, time.GetUtcNow(), lifetime);
            }

            var status = (int)response.StatusCode;
            var reason = body?.Error is { Length: > 0 } error
                ? Shorten(body.ErrorDescription is { Length: > 0 } description ? $"{error}: {description}" : error)
                : response.IsSuccessStatusCode ? "the answer holds no access_token" : response.ReasonPhrase ?? response.StatusCode.ToString();
            throw new GoogleCredentialsException($"{source} refused the credentials ({status}): {reason}")
            {
                IsTransient = response.StatusCode is HttpStatusCode.TooManyRequests || status >= 500,
            };
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxErrorTextLength ? line : line[..MaxErrorTextLength] + "…";
    }
}
