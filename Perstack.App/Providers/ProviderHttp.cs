using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// One JSON POST of the hand-written provider clients (Messages API, Converse, Gemini): headers, then the provider's
/// signing or authorization last, then the request. An error status throws <see cref="HttpRequestException"/> with
/// the status and the API's message; <see cref="HttpResponseCaptureHandler"/> under the <see cref="HttpClient"/>
/// records what the retry classifier needs (status, <c>Retry-After</c>).
/// </summary>
internal static class ProviderHttp
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Posts <paramref name="body"/> and returns the successful response, its body not yet read. After a 401,
    /// <paramref name="renewAuthorization"/> (when given and true: a kept token was dropped) lets the request go once
    /// more with fresh authorization, as an expired or revoked OAuth token needs.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient http,
        Uri url,
        byte[] body,
        string accept,
        IReadOnlyDictionary<string, string> headers,
        Func<HttpRequestMessage, ValueTask>? authorize,
        Func<bool>? renewAuthorization,
        CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(http, url, body, accept, headers, authorize, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && renewAuthorization is not null && renewAuthorization())
        {
            response.Dispose();
            response = await SendOnceAsync(http, url, body, accept, headers, authorize, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<HttpResponseMessage> SendOnceAsync(
        HttpClient http,
        Uri url,
        byte[] body,
        string accept,
        IReadOnlyDictionary<string, string> headers,
        Func<HttpRequestMessage, ValueTask>? authorize,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (authorize is not null)
        {
            await authorize(request).ConfigureAwait(false);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a successful response's JSON body.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException("The response body is null");
        }
    }

    /// <summary>
    /// <see cref="Microsoft.Extensions.AI.IChatClient.GetService"/> of a provider client: its metadata, or itself.
    /// </summary>
    public static object? Service(object client, Microsoft.Extensions.AI.ChatClientMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Microsoft.Extensions.AI.ChatClientMetadata) ? metadata
            : serviceType.IsInstanceOfType(client) ? client
            : null;
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
