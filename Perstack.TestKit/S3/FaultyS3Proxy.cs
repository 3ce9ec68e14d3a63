using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Perstack.TestKit.S3;

/// <summary>
/// A fault-injecting TCP proxy on 127.0.0.1 in front of the real S3 test server: each new connection is passed through,
/// or — while <see cref="FailNext"/> says so — cut at once (a network error) or answered <c>503 SlowDown</c> (S3's
/// throttling) or a torn or short body with <c>Connection: close</c>, so a client's retry opens a new connection and meets the next decision.
/// </summary>
internal sealed class FaultyS3Proxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _failuresLeft;
    private int _connections;

    public FaultyS3Proxy(Uri server)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>What a failing connection meets.</summary>
    public enum Fault
    {
        /// <summary>The connection is closed before any answer.</summary>
        Reset,

        /// <summary>An HTTP 503 with S3's <c>SlowDown</c> error.</summary>
        SlowDown,

        /// <summary>
        /// A 200 whose body does not match its ETag: what a server that stores objects as plain files serves when a
        /// reader meets an object being overwritten.
        /// </summary>
        TornBody,

        /// <summary>
        /// A 200 whose body stops before its Content-Length and the connection closes: what such a server serves when
        /// the file is cut short while it is sent.
        /// </summary>
        ShortBody,
    }

    /// <summary>The proxy's URL, for the client.</summary>
    public Uri Endpoint { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The fault the failing connections meet.</summary>
    public Fault Mode { get; set; } = Fault.Reset;

    /// <summary>Makes the next <paramref name="count"/> connections fail (<see cref="int.MaxValue"/>: all of them).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
            _ = Task.Run(() => ServeAsync(client, fail));
        }
    }

    private async Task ServeAsync(TcpClient client, bool fail)
    {
        using (client)
        {
            try
            {
                if (fail && Mode == Fault.Reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                var stream = client.GetStream();
                if (fail)
                {
                    await ReadRequestHeadAsync(stream);
                    var answer = Mode switch
                    {
                        Fault.TornBody => TornBodyAnswer,
                        Fault.ShortBody => ShortBodyAnswer,
                        _ => SlowDownAnswer,
                    };
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(_server.Host, _server.Port, _stop.Token);
                var server = upstream.GetStream();
                await Task.WhenAny(stream.CopyToAsync(server, _stop.Token), server.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client or the server went away: so does the connection.
            }
        }
    }

    private static string SlowDownAnswer
    {
        get
        {
            const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
            return $"HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        }
    }

    // The ETag is the MD5 of nothing in particular: the SDK checks a whole GET's body against its ETag.
    private static string TornBodyAnswer
    {
        get
        {
            const string body = "{\"torn\":";
            return $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"0123456789abcdef0123456789abcdef\"\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        }
    }

    // Promises 100 bytes, sends 8, then the connection closes.
    private static string ShortBodyAnswer =>
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"0123456789abcdef0123456789abcdef\"\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"torn\":";

    /// <summary>Reads the request line and headers (the body is left unread: the connection closes after the answer).</summary>
    private async Task ReadRequestHeadAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (seen.Count < 65536 && await stream.ReadAsync(one, _stop.Token) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^1] == '\n' && seen[^2] == '\r' && seen[^3] == '\n' && seen[^4] == '\r')
            {
                return;
            }
        }
    }
}
