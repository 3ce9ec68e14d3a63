using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.TestKit.CloudCredentials;

/// <summary>
/// Stand-ins on <c>127.0.0.1</c> for the endpoints cloud credential providers fetch from, so the AWS SDK's default
/// chain and Google's Application Default Credentials run for real without any cloud: the ECS/EKS container
/// credentials endpoint (<c>GET /container-credentials</c>, for <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>), the IAM
/// Identity Center portal's <c>GetRoleCredentials</c> (<c>GET /federation/credentials</c>, for SSO profiles, through
/// <c>AWS_ENDPOINT_URL_SSO</c>) and Google's OAuth token endpoint (<c>POST /token</c>, a service account's
/// <c>token_uri</c>). Each hands out the credentials named below and logs every request.
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
                    "/token" => (200, new JsonObject { ["access_token"] = GoogleAccessToken, ["expires_in"] = 3600, ["token_type"] = "Bearer" }.ToJsonString()),
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
