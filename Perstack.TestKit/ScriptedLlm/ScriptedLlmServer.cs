using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// A scripted LLM on <c>127.0.0.1</c> (a random free port; never any other interface) that speaks the real wire
/// formats: the Anthropic Messages API (<c>POST /v1/messages</c>, also Vertex
/// <c>…/models/{id}:rawPredict|:streamRawPredict</c>), OpenAI Chat Completions (<c>POST …/chat/completions</c>), Gemini
/// (<c>…/models/{id}:generateContent|:streamGenerateContent</c>, Gemini API and Vertex AI paths) and Bedrock Converse
/// (<c>/model/{id}/converse</c>, <c>/converse-stream</c> in AWS event-stream framing),
/// each as JSON or as SSE when the request asks to stream. By default it answers by the stateless conformance rules
/// (<see cref="ConformanceScript"/>); tests queue faults and special replies with <see cref="Enqueue"/>, read what was
/// sent in <see cref="Requests"/> and slow every reply with <see cref="Latency"/>.
/// </summary>
/// <example>
/// <code>
/// await using var llm = ScriptedLlmServer.Start();
/// llm.Enqueue(ScriptedReply.Status(500), ScriptedReply.Status(429, TimeSpan.FromSeconds(1)));
/// // [provider.setting] baseUrl = llm.BaseUrl  (http://127.0.0.1:PORT/v1, for anthropic and OpenAI-compatible providers)
/// llm.Requests.Should().HaveCount(3);
/// </code>
/// </example>
public sealed partial class ScriptedLlmServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Lock _gate = new();
    private Task _acceptLoop = Task.CompletedTask;

    private ScriptedLlmServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// <c>http://127.0.0.1:PORT/v1</c>: the <c>baseUrl</c> for the anthropic provider (AI SDK style, with <c>/v1</c>)
    /// and for OpenAI-compatible providers (openai, deepseek, ollama, google).
    /// </summary>
    public string BaseUrl => $"{Origin}/v1";

    /// <summary>Same as <see cref="BaseUrl"/>: requests go to <c>/v1/messages</c>.</summary>
    public string AnthropicBaseUrl => BaseUrl;

    /// <summary>Same as <see cref="BaseUrl"/>: requests go to <c>/v1/chat/completions</c>.</summary>
    public string OpenAIBaseUrl => BaseUrl;

    /// <summary>
    /// Reasoning the model does when a request turns reasoning on (Anthropic <c>thinking</c>, OpenAI
    /// <c>reasoning_effort</c>): a signed <c>thinking</c> block first (streamed as <c>thinking_delta</c> and
    /// <c>signature_delta</c>), an OpenAI <c>reasoning_content</c>. Null (the default): no reasoning in any reply.
    /// </summary>
    public string? Thinking { get; set; }

    /// <summary>The data of a <c>redacted_thinking</c> block sent after the thinking (Anthropic only), or null.</summary>
    public string? RedactedThinking { get; set; }

    /// <summary>Delay before every reply (after the request is logged).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Replies still queued.</summary>
    public int PendingReplies => _replies.Count;

    /// <summary>A snapshot of the requests received so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static ScriptedLlmServer Start()
    {
        var server = new ScriptedLlmServer();
        server._listener.Start();
        server._acceptLoop = server.AcceptLoopAsync();
        return server;
    }

    /// <summary>Queues replies; each request takes the next one.</summary>
    public ScriptedLlmServer Enqueue(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Drops the replies still queued (later requests get the conformance answers).</summary>
    public void ClearQueue() => _replies.Clear();

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    /// <exception cref="TimeoutException">They did not arrive within <paramref name="timeout"/>.</exception>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} requests, got {Requests.Count}.");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAny(Task.WhenAll(_connections.Keys), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    [GeneratedRegex("^/model/(?<model>[^/]+)/(?<action>converse|converse-stream)$")]
    private static partial Regex BedrockPath();

    [GeneratedRegex("/models/(?<model>[^/:]+):(?<action>generateContent|streamGenerateContent)$")]
    private static partial Regex GeminiPath();

    [GeneratedRegex("/models/(?<model>[^/:]+):(?<action>rawPredict|streamRawPredict)$")]
    private static partial Regex VertexPath();

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

            if (client.Client.RemoteEndPoint is not IPEndPoint { Address: var address } || !IPAddress.IsLoopback(address))
            {
                client.Dispose();
                continue;
            }

            var connection = HandleConnectionAsync(client);
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleConnectionAsync(TcpClient client)
    {
        await Task.Yield();
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var raw = await RawHttp.ReadRequestAsync(stream, _stop.Token);
                if (raw is null)
                {
                    return;
                }

                await HandleRequestAsync(client, stream, raw);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
            {
                // The client went away (timeouts, cancellations) or the server is stopping.
            }
        }
    }

    private async Task HandleRequestAsync(TcpClient client, NetworkStream stream, RawHttpRequest raw)
    {
        var split = raw.Target.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? raw.Target : raw.Target[..split];
        var query = split < 0 ? string.Empty : raw.Target[(split + 1)..];
        var body = Encoding.UTF8.GetString(raw.Body);

        ScriptedLlmApi? api = null;
        string? modelFromPath = null;
        var streamFromPath = false;
        if (BedrockPath().Match(path) is { Success: true } bedrock)
        {
            api = ScriptedLlmApi.BedrockConverse;
            modelFromPath = Uri.UnescapeDataString(bedrock.Groups["model"].Value);
            streamFromPath = bedrock.Groups["action"].Value == "converse-stream";
        }
        else if (GeminiPath().Match(path) is { Success: true } gemini)
        {
            api = ScriptedLlmApi.Gemini;
            modelFromPath = Uri.UnescapeDataString(gemini.Groups["model"].Value);
            streamFromPath = gemini.Groups["action"].Value == "streamGenerateContent";
        }
        else if (VertexPath().Match(path) is { Success: true } vertex)
        {
            api = ScriptedLlmApi.Anthropic;
            modelFromPath = Uri.UnescapeDataString(vertex.Groups["model"].Value);
            streamFromPath = vertex.Groups["action"].Value == "streamRawPredict";
        }
        else if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            api = ScriptedLlmApi.Anthropic;
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            api = ScriptedLlmApi.OpenAI;
        }

        ScriptedConversation? conversation = null;
        if (api is not null && raw.Method == "POST")
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject json)
                {
                    conversation = api switch
                    {
                        ScriptedLlmApi.Anthropic => ScriptedConversation.FromAnthropic(json, modelFromPath, streamFromPath),
                        ScriptedLlmApi.Gemini => ScriptedConversation.FromGemini(json, modelFromPath!, streamFromPath),
                        ScriptedLlmApi.BedrockConverse => ScriptedConversation.FromConverse(json, modelFromPath!, streamFromPath),
                        _ => ScriptedConversation.FromOpenAI(json),
                    };
                }
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                conversation = null;
            }
        }

        var reply = conversation is not null && _replies.TryDequeue(out var next) ? next : ScriptedReply.Default();
        lock (_gate)
        {
            _requests.Add(new ScriptedRequest(raw.Method, path, query, raw.Headers, body, api, conversation?.Stream ?? false, reply, DateTimeOffset.UtcNow));
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _stop.Token);
        }

        if (api is null)
        {
            await WriteJsonAsync(stream, 404, OpenAIWire.Error(404, $"No scripted route for {raw.Method} {path}"), [], TimeSpan.Zero);
            return;
        }

        if (conversation is null)
        {
            await WriteJsonAsync(stream, 400, ErrorBody(api.Value, 400, "Request body is not a JSON object"), [], TimeSpan.Zero);
            return;
        }

        await ReplyAsync(client, stream, api.Value, conversation, reply);
    }
}
