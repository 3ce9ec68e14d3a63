using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// A Messages API client on source-generated JSON (so it runs in the Native AOT binary, which the official SDK's
/// reflection-based serializer does not). It makes one HTTP request per call (<see cref="ProviderHttp"/>) and leaves
/// retries and timeouts to the decorators around it.
/// </summary>
internal sealed class AnthropicChatClient : IChatClient
{
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
        var message = await ProviderHttp.ReadJsonAsync(response, AnthropicJsonContext.Default.MessagesResponse, cancellationToken).ConfigureAwait(false);
        return ResponseMapper.ToResponse(message);
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
            await foreach (var update in StreamAssembler.UpdatesAsync(SseEvents.ReadAsync(body, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ProviderHttp.Service(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        // The HTTP client belongs to whoever built this client.
    }

    private Task<HttpResponseMessage> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, CancellationToken cancellationToken)
    {
        var body = RequestBuilder.Build(messages, options, _defaults, stream);
        return ProviderHttp.PostAsync(
            _http,
            _endpoint.Url(options?.ModelId ?? _defaults.Model, stream),
            JsonSerializer.SerializeToUtf8Bytes(body, AnthropicJsonContext.Default.MessagesRequest),
            stream ? "text/event-stream" : "application/json",
            _endpoint.Headers,
            _endpoint.Authorize,
            _endpoint.RenewAuthorization,
            cancellationToken);
    }
}
