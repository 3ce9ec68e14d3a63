using System.Globalization;
using System.Text.Json;

namespace Perstack.Core.Providers;

/// <summary>
/// An HTTP handler to put under an LLM SDK's <see cref="HttpClient"/>: it records each response's status, reason
/// phrase, <c>Retry-After</c> and error message into the <see cref="HttpResponseCapture"/> of the current attempt.
/// It never records headers of the request, so credentials cannot leak through it.
/// </summary>
public sealed class HttpResponseCaptureHandler : DelegatingHandler
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private const int MaxApiMessageLength = 300;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> before use.</summary>
    public HttpResponseCaptureHandler()
    {
    }

    /// <summary>Creates the handler over <paramref name="innerHandler"/>.</summary>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    public HttpResponseCaptureHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <summary>Reads the delay a response asks for: <c>retry-after-ms</c>, else <c>Retry-After</c> (seconds or date).</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for <c>Retry-After</c> dates.</param>
    /// <returns>The delay (never negative), or null when the response names none.</returns>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // Some servers send fractional seconds, which the typed header rejects.
        if (response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    /// <summary>Reads <c>error.message</c> (or a top-level <c>message</c>) from a JSON error body, on one line.</summary>
    /// <param name="body">The body text.</param>
    /// <returns>The message, at most 300 characters, or null.</returns>
    public static string? ReadApiMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? message = null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var inner)
                    && inner.ValueKind == JsonValueKind.String)
                {
                    message = inner.GetString();
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString();
                }
            }
            else if (root.TryGetProperty("message", out var top) && top.ValueKind == JsonValueKind.String)
            {
                message = top.GetString();
            }

            return OneLine(message, MaxApiMessageLength);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Puts <paramref name="text"/> on one line and shortens it to <paramref name="maxLength"/> characters.</summary>
    internal static string? OneLine(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 1), "…");
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var capture = HttpResponseCapture.Current;
        if (capture is null)
        {
            return response;
        }

        string? apiMessage = null;
        if (!response.IsSuccessStatusCode)
        {
            apiMessage = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        }

        capture.Record(new HttpResponseSnapshot(
            (int)response.StatusCode,
            response.ReasonPhrase,
            ReadRetryAfter(response, DateTimeOffset.UtcNow),
            apiMessage));
        return response;
    }

    private static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxErrorBodyBytes)
        {
            return null;
        }

        try
        {
            // Buffered, so the SDK can still read the body after us.
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return ReadApiMessage(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
