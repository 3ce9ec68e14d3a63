using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.Aws;

namespace Perstack.App.Providers.BedrockApi;

/// <summary>
/// Amazon Bedrock's Converse API (<c>POST /model/{id}/converse</c> and <c>/converse-stream</c>), which reaches every
/// Bedrock model (Claude, Llama, Mistral, Nova, DeepSeek, …) as the reference's AI SDK provider does. Hand-written on
/// source-generated JSON because the AWS Bedrock runtime package is not available here; requests are signed by
/// <see cref="Authorize"/> (SigV4 or a Bedrock API key). One HTTP request per call; retries and timeouts are the
/// decorators' (<see cref="ProviderHttp"/>).
/// </summary>
internal sealed class ConverseChatClient(HttpClient http, Uri baseUri, string model, IReadOnlyDictionary<string, string> headers, Func<HttpRequestMessage, ValueTask> authorize)
    : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("aws.bedrock", baseUri, model);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var id = options?.ModelId ?? model;
        using var response = await SendAsync(messages, options, id, stream: false, cancellationToken).ConfigureAwait(false);
        var reply = await ProviderHttp.ReadJsonAsync(response, ConverseJsonContext.Default.ConverseResponse, cancellationToken).ConfigureAwait(false);
        return ConverseResponseMapper.ToResponse(reply, id);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var id = options?.ModelId ?? model;
        using var response = await SendAsync(messages, options, id, stream: true, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await foreach (var update in ConverseStreamAssembler.UpdatesAsync(AwsEventStreamReader.ReadAsync(body, cancellationToken), id, cancellationToken).ConfigureAwait(false))
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

    private Task<HttpResponseMessage> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, string id, bool stream, CancellationToken cancellationToken)
    {
        var body = ConverseRequestBuilder.Build(messages, options, id);
        var url = new Uri($"{baseUri.ToString().TrimEnd('/')}/model/{Uri.EscapeDataString(id)}/{(stream ? "converse-stream" : "converse")}");
        return ProviderHttp.PostAsync(
            http,
            url,
            JsonSerializer.SerializeToUtf8Bytes(body, ConverseJsonContext.Default.ConverseRequest),
            stream ? "application/vnd.amazon.eventstream" : "application/json",
            headers,
            authorize,
            renewAuthorization: null,
            cancellationToken);
    }
}
