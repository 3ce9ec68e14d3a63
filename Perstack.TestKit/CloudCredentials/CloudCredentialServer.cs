using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.TestKit.CloudCredentials;

/// <summary>
/// Stand-ins on <c>127.0.0.1</c> for the endpoints cloud credential providers fetch from, so the AWS SDK's default
/// chain and Google's Application Default Credentials run for real without any cloud: the ECS/EKS container
/// credentials endpoint (<c>GET /container-credentials</c>, for <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>), the IAM
/// Identity Center portal's <c>GetRoleCredentials</c> (<c>GET /federation/credentials</c>, for SSO profiles, through
/// <c>AWS_ENDPOINT_URL_SSO</c>), Google's OAuth token endpoint (<c>POST /token</c>, a credentials file's
/// <c>token_uri</c>: the JWT bearer grant of a service account, whose signature and claims are checked against
/// <see cref="TrustGoogleServiceAccount"/>, and the refresh token grant) and a Google Cloud metadata server's token
/// (<c>GET /computeMetadata/v1/instance/service-accounts/default/token</c>, for <c>GCE_METADATA_HOST</c>). Each hands
/// out the credentials named below and logs every request; Google tokens are numbered (<see cref="GoogleTokens"/>).
/// </summary>
public sealed class CloudCredentialServer : IAsyncDisposable
{
    /// <summary>The access key id every AWS stand-in hands out.</summary>
    public const string AccessKeyId = "ASIASTANDIN000000001";

    /// <summary>The secret access key every AWS stand-in hands out.</summary>
    public const string SecretAccessKey = "stand-in-secret-access-key";

    /// <summary>The session token every AWS stand-in hands out.</summary>
    public const string SessionToken = "stand-in-session-token";

    /// <summary>The OAuth access token the Google stand-in hands out.</summary>
    public const string GoogleAccessToken = "ya29.stand-in-access-token";

    /// <summary>The path of the metadata server's token.</summary>
    public const string MetadataTokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";

    private readonly ConcurrentQueue<string> _googleTokens = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _googleForms = new();
    private RSA? _serviceAccountKey;
    private string? _serviceAccountEmail;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RawHttpRequest> _requests = new();
    private Task _loop = Task.CompletedTask;

    private CloudCredentialServer()
    {
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The container credentials URL (<c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>).</summary>
    public string ContainerCredentialsUri => $"{Origin}/container-credentials";

    /// <summary>The requests received so far (method and target, headers), in order.</summary>
    public IReadOnlyList<(string Method, string Target, IReadOnlyDictionary<string, string> Headers)> Requests =>
        [.. _requests.Select(r => (r.Method, r.Target, r.Headers))];

    /// <summary>The <c>host:port</c> for <c>GCE_METADATA_HOST</c>.</summary>
    public string MetadataHost => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The Google access tokens handed out so far, in order (<c>ya29.stand-in-access-token-1</c>, <c>-2</c>, …).</summary>
    public IReadOnlyList<string> GoogleTokens => [.. _googleTokens];

    /// <summary>The form fields of every Google token request, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> GoogleTokenForms => [.. _googleForms];

    /// <summary>How long each Google token lives (<c>expires_in</c>).</summary>
    public int GoogleTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>From now on a JWT bearer grant must be signed by <paramref name="publicKey"/> and issued by <paramref name="clientEmail"/>.</summary>
    public void TrustGoogleServiceAccount(RSA publicKey, string clientEmail)
    {
        _serviceAccountKey = publicKey;
        _serviceAccountEmail = clientEmail;
    }

    /// <summary>Starts the stand-ins on a free loopback port.</summary>
    public static CloudCredentialServer Start()
    {
        var server = new CloudCredentialServer();
        server._listener.Start();
        server._loop = server.AcceptLoopAsync();
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await RawHttp.ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                var path = request.Target.Split('?')[0];
                var (status, body) = path switch
                {
                    "/container-credentials" => (200, ContainerCredentials()),
                    "/federation/credentials" => (200, SsoRoleCredentials()),
                    "/token" when request.Method == "POST" => GoogleTokenGrant(request),
                    MetadataTokenPath when request.Headers.GetValueOrDefault("metadata-flavor") == "Google" => (200, IssueGoogleToken()),
                    MetadataTokenPath => (403, "{}"),
                    _ => (404, new JsonObject { ["message"] = $"No stand-in for {request.Method} {path}" }.ToJsonString()),
                };
                var bytes = Encoding.UTF8.GetBytes(body);
                await RawHttp.WriteHeadAsync(
                    stream,
                    status,
                    [new("Content-Type", "application/json"), new("Content-Length", bytes.Length.ToString(CultureInfo.InvariantCulture))],
                    _stop.Token);
                await stream.WriteAsync(bytes, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private (int Status, string Body) GoogleTokenGrant(RawHttpRequest request)
    {
        var form = Encoding.UTF8.GetString(request.Body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : "");
        _googleForms.Enqueue(form);
        var grant = form.GetValueOrDefault("grant_type");
        if (grant == "urn:ietf:params:oauth:grant-type:jwt-bearer" && _serviceAccountKey is not null
            && JwtProblem(form.GetValueOrDefault("assertion") ?? "", $"{Origin}/token") is { } problem)
        {
            return (400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = problem }.ToJsonString());
        }

        return grant is "urn:ietf:params:oauth:grant-type:jwt-bearer" or "refresh_token"
            ? (200, IssueGoogleToken())
            : (400, new JsonObject { ["error"] = "unsupported_grant_type" }.ToJsonString());
    }

    /// <summary>What is wrong with a service account's JWT, as Google checks it: the RS256 signature and the claims.</summary>
    private string? JwtProblem(string assertion, string audience)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "Invalid JWT.";
        }

        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!_serviceAccountKey!.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "Invalid JWT Signature.";
        }

        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return (string?)header["alg"] != "RS256" ? "Invalid JWT: alg."
            : (string?)claims["iss"] != _serviceAccountEmail ? "Invalid JWT: iss."
            : (string?)claims["aud"] != audience ? "Invalid JWT: aud."
            : (string?)claims["scope"] != "https://www.googleapis.com/auth/cloud-platform" ? "Invalid JWT: scope."
            : (long?)claims["iat"] is not { } iat || Math.Abs(iat - now) > 300 ? "Invalid JWT: iat."
            : (long?)claims["exp"] is not { } exp || exp <= now || exp - iat > 3600 ? "Invalid JWT: exp."
            : null;
    }

    private string IssueGoogleToken()
    {
        string token;
        lock (_googleTokens)
        {
            token = $"{GoogleAccessToken}-{_googleTokens.Count + 1}";
            _googleTokens.Enqueue(token);
        }

        return new JsonObject { ["access_token"] = token, ["expires_in"] = GoogleTokenLifetimeSeconds, ["token_type"] = "Bearer" }.ToJsonString();
    }

    private static string ContainerCredentials() => new JsonObject
    {
        ["AccessKeyId"] = AccessKeyId,
        ["SecretAccessKey"] = SecretAccessKey,
        ["Token"] = SessionToken,
        ["Expiration"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    }.ToJsonString();

    private static string SsoRoleCredentials() => new JsonObject
    {
        ["roleCredentials"] = new JsonObject
        {
            ["accessKeyId"] = AccessKeyId,
            ["secretAccessKey"] = SecretAccessKey,
            ["sessionToken"] = SessionToken,
            ["expiration"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds(),
        },
    }.ToJsonString();
}
