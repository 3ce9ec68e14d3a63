using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// A service account key: a JWT signed with the key (RS256) is exchanged at the key's <c>token_uri</c> for an access
/// token (OAuth 2.0 JWT bearer grant, RFC 7523). The private key lives only in memory, as an <see cref="RSA"/> object.
/// </summary>
internal sealed class ServiceAccountTokenSource : IGoogleAccessTokenSource, IDisposable
{
    /// <summary>The scope Vertex AI needs.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromHours(1);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly RSA _key;
    private readonly string _clientEmail;
    private readonly string? _keyId;
    private readonly Uri _tokenUri;
    private readonly string _file;

    private ServiceAccountTokenSource(HttpClient http, TimeProvider time, RSA key, string clientEmail, string? keyId, Uri tokenUri, string file)
    {
        _http = http;
        _time = time;
        _key = key;
        _clientEmail = clientEmail;
        _keyId = keyId;
        _tokenUri = tokenUri;
        _file = file;
    }

    /// <summary>Reads a <c>service_account</c> credentials file's fields.</summary>
    /// <exception cref="GoogleCredentialsException">A field is missing or the key is not an RSA private key.</exception>
    public static ServiceAccountTokenSource Create(GoogleCredentialFile credentials, string file, HttpClient http, TimeProvider time)
    {
        var email = GoogleCredentialFile.Require(credentials.ClientEmail, "client_email", file);
        var pem = GoogleCredentialFile.Require(credentials.PrivateKey, "private_key", file);
        var tokenUri = GoogleTokenEndpoint.Validate(credentials.TokenUri, file);
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();

            // The exception's own message is not used: it may quote the PEM.
            throw new GoogleCredentialsException($"{file}: private_key is not a PEM RSA private key");
        }

        return new ServiceAccountTokenSource(http, time, key, email, credentials.PrivateKeyId, tokenUri, file);
    }

    /// <inheritdoc />
    public async Task<GoogleAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            new("assertion", Assertion(_time.GetUtcNow())),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri) { Content = form };
        return await GoogleTokenEndpoint.FetchAsync(_http, request, _time, $"The token endpoint of {_file}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"service account {_clientEmail}";

    /// <summary>The signed JWT: <c>header.claims.signature</c>, each base64url.</summary>
    internal string Assertion(DateTimeOffset now)
    {
        var header = Json(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("typ", "JWT");
            if (!string.IsNullOrEmpty(_keyId))
            {
                writer.WriteString("kid", _keyId);
            }
        });
        var claims = Json(writer =>
        {
            writer.WriteString("iss", _clientEmail);
            writer.WriteString("scope", CloudPlatformScope);
            writer.WriteString("aud", _tokenUri.ToString());
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", (now + AssertionLifetime).ToUnixTimeSeconds());
        });
        var signed = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

}
