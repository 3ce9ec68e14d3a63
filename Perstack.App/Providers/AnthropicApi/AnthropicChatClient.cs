using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// A Messages API client on source-generated JSON (so it runs in the Native AOT binary, which the official SDK's
/// reflection-based serializer does not). It makes one HTTP request per call and leaves retries and timeouts to the
/// decorators around it: an error status throws <see cref="HttpRequestException"/> with the status, and
/// <see cref="HttpResponseCaptureHandler"/> under the <see cref="HttpClient"/> records what the retry classifier
/// needs (status, <c>Retry-After</c>, the error's message).
/// </summary>
internal sealed class AnthropicChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly AnthropicEndpoint _endpoint;
    private readonly RequestDefaults _defaults;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client; it does not own <paramref name="http"/>.</summary>
    public AnthropicChatClient(HttpClient http, AnthropicEndpoint endpoint, string model, int maxTokens)
    {
        _http = http;
        _endpoint = endpoint;
        _defaults = new RequestDefaults(model, maxTokens, ModelInBody: endpoint.BodyVersion is null, endpoint.BodyVersion);
        _metadata = new ChatClientMetadata(endpoint.Provider, endpoint.BaseUri, model);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var response = await SendAsync(messages, options, stream: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var message = await JsonSerializer.DeserializeAsync(body, AnthropicJsonContext.Default.MessagesResponse, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException("The response body is null");
            return ResponseMapper.ToResponse(message);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var response = await SendAsync(messages, options, stream: true, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var events = _endpoint.AwsEventStream
                ? AwsEventStreamEvents.ReadAsync(body, cancellationToken)
                : SseEvents.ReadAsync(body, cancellationToken);
            await foreach (var update in StreamAssembler.UpdatesAsync(events, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The HTTP client belongs to whoever built this client.
    }

    private async Task<HttpResponseMessage> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, CancellationToken cancellationToken)
    {
        var body = RequestBuilder.Build(messages, options, _defaults, stream);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url(options?.ModelId ?? _defaults.Model, stream))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, AnthropicJsonContext.Default.MessagesRequest)),
        };
        request.Content.Headers.ContentType = Json;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream && !_endpoint.AwsEventStream ? "text/event-stream" : "application/json"));
        foreach (var (name, value) in _endpoint.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_endpoint.Authorize is { } authorize)
        {
            await authorize(request).ConfigureAwait(false);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<HttpRequestException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? apiMessage = null;
        try
        {
            apiMessage = HttpResponseCaptureHandler.ReadApiMessage(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status says enough.
        }

        var status = response.StatusCode;
        var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? status.ToString() : response.ReasonPhrase;
        return new HttpRequestException(
            apiMessage is null ? $"{(int)status} {reason}" : $"{(int)status} {reason}: {apiMessage}",
            null,
            status);
    }
}
