using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Perstack.App.Providers.GeminiApi;

/// <summary>
/// Gemini through its own API (<c>…/models/{id}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>), for the
/// Gemini API with a key (<c>google</c>) and for Vertex AI (<c>google-vertex</c>, Gemini model ids). Hand-written on
/// source-generated JSON because Google's .NET client for Gemini (Google.GenAI) is not available here; the native API
/// rather than Gemini's OpenAI-compatible one because only it carries what the reference sends and receives: the
/// thinking budget with the thoughts, thought signatures (which Gemini 3 requires on function calls), safety
/// feedback, and the thought token count. One HTTP request per call; retries and timeouts are the decorators'.
/// </summary>
internal sealed class GeminiChatClient(HttpClient http, GeminiEndpoint endpoint, string model) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(endpoint.Provider, endpoint.BaseUri, model);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var response = await SendAsync(messages, options, stream: false, cancellationToken).ConfigureAwait(false);
        var reply = await ProviderHttp.ReadJsonAsync(response, GeminiJsonContext.Default.GeminiResponse, cancellationToken).ConfigureAwait(false);
        return GeminiResponseMapper.ToResponse(reply);
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
            var parser = SseParser.Create(body, static (_, data) =>
                JsonSerializer.Deserialize(data, GeminiJsonContext.Default.GeminiResponse) ?? throw new InvalidDataException("A stream chunk is null"));
            var calledFunctions = false;
            ChatFinishReason? finish = null;
            UsageDetails? usage = null;
            string? responseId = null, modelId = null;
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                var chunk = item.Data;
                responseId ??= chunk.ResponseId;
                modelId ??= chunk.ModelVersion;
                var contents = GeminiResponseMapper.Contents(chunk).ToList();
                calledFunctions |= contents.OfType<FunctionCallContent>().Any();
                finish = GeminiResponseMapper.FinishReason(chunk, calledFunctions) ?? finish;
                usage = GeminiResponseMapper.Usage(chunk.UsageMetadata) ?? usage;
                if (contents.Count > 0)
                {
                    yield return Update(contents, responseId, modelId);
                }
            }

            if (finish is null)
            {
                throw new InvalidDataException("The stream ended before a finish reason");
            }

            var last = Update(usage is null ? [] : [new UsageContent(usage)], responseId, modelId);
            last.FinishReason = finish;
            yield return last;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ProviderHttp.Service(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        // The HTTP client belongs to whoever built this client.
    }

    private static ChatResponseUpdate Update(IList<AIContent> contents, string? responseId, string? modelId) =>
        new(ChatRole.Assistant, contents) { ResponseId = responseId, MessageId = responseId, ModelId = modelId };

    private Task<HttpResponseMessage> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, CancellationToken cancellationToken)
    {
        var body = GeminiRequestBuilder.Build(messages, options) with { SafetySettings = endpoint.SafetySettings };
        return ProviderHttp.PostAsync(
            http,
            endpoint.Url(options?.ModelId ?? model, stream),
            JsonSerializer.SerializeToUtf8Bytes(body, GeminiJsonContext.Default.GeminiRequest),
            stream ? "text/event-stream" : "application/json",
            endpoint.Headers,
            endpoint.Authorize,
            endpoint.RenewAuthorization,
            cancellationToken);
    }
}
