using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Perstack.Core.Domain;

namespace Perstack.Core.Providers;

/// <summary>
/// Decides, without knowing the SDK that threw, what kind of failure an exception is and whether to retry it:
/// HTTP 408, 409, 429 and 5xx, timeouts and connection failures (refused, reset, <see cref="IOException"/>,
/// <see cref="HttpRequestException"/> without status) are retryable; other statuses, malformed responses and
/// anything unexpected are not.
/// </summary>
public static class LlmFailureClassifier
{
    /// <summary>Whether an HTTP status is worth retrying (408, 409, 429, 5xx).</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns>True when retryable.</returns>
    public static bool IsRetryableStatus(int statusCode) =>
        statusCode is 408 or 409 or 429 || statusCode >= 500;

    /// <summary>Describes an HTTP error response, e.g. <c>429 Too Many Requests: rate limited</c>.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static LlmFailure FromResponse(HttpResponseSnapshot response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? StandardReasonPhrase(response.StatusCode) : response.ReasonPhrase;
        var message = string.IsNullOrEmpty(reason) ? response.StatusCode.ToString() : $"{response.StatusCode} {reason}";
        if (response.ApiMessage is { } api && !string.Equals(api, reason, StringComparison.OrdinalIgnoreCase))
        {
            message = $"{message}: {api}";
        }

        return new LlmFailure(LlmFailure.ApiCallError, message, response.StatusCode, IsRetryableStatus(response.StatusCode), response.RetryAfter);
    }

    /// <summary>Classifies a failed attempt.</summary>
    /// <param name="exception">What the attempt threw (not a cancellation by the caller).</param>
    /// <param name="response">The last HTTP response of the attempt, if one was captured.</param>
    /// <param name="classifier">SDK-specific rules tried after timeouts and before the generic ones.</param>
    /// <returns>The failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static LlmFailure Classify(Exception exception, HttpResponseSnapshot? response, Func<Exception, LlmFailure?>? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Chain(exception).ToList();

        if (chain.OfType<LlmCallFailedException>().FirstOrDefault() is { } failed)
        {
            return new LlmFailure(failed.Name, failed.Message, failed.StatusCode, failed.IsRetryable);
        }

        if (chain.OfType<LlmTimeoutException>().FirstOrDefault() is { } timeout)
        {
            return new LlmFailure(LlmFailure.TimeoutError, timeout.Message, null, true);
        }

        if (classifier?.Invoke(exception) is { } custom)
        {
            return custom.RetryAfter is null && response?.RetryAfter is { } wait && custom.StatusCode == response.StatusCode
                ? custom with { RetryAfter = wait }
                : custom;
        }

        if (response is { StatusCode: >= 400 })
        {
            return FromResponse(response);
        }

        if (chain.OfType<HttpRequestException>().FirstOrDefault(e => e.StatusCode is not null) is { StatusCode: { } status })
        {
            return FromResponse(new HttpResponseSnapshot((int)status, null, null, null));
        }

        if (chain.FirstOrDefault(e => e is HttpRequestException or IOException or SocketException) is { } network)
        {
            var innermost = chain.Last(e => e is HttpRequestException or IOException or SocketException);
            var detail = OneLine(innermost.Message) ?? OneLine(network.Message) ?? network.GetType().Name;
            return new LlmFailure(LlmFailure.ApiCallError, $"Cannot connect to API: {detail}", null, true);
        }

        if (chain.OfType<TimeoutException>().FirstOrDefault() is { } sdkTimeout)
        {
            return new LlmFailure(LlmFailure.TimeoutError, OneLine(sdkTimeout.Message) ?? "The LLM call timed out", null, true);
        }

        if (chain.Any(e => e is JsonException or FormatException or InvalidDataException) || response is not null)
        {
            return new LlmFailure(
                LlmFailure.InvalidResponseDataError,
                $"Invalid response from API: {OneLine(exception.Message) ?? exception.GetType().Name}",
                response?.StatusCode,
                false);
        }

        if (exception is PerstackException)
        {
            return new LlmFailure(LlmFailure.ApiCallError, OneLine(exception.Message) ?? exception.GetType().Name, null, false);
        }

        return new LlmFailure(exception.GetType().Name, OneLine(exception.Message) ?? exception.GetType().Name, null, false);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Skip(1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? OneLine(string? text) => HttpResponseCaptureHandler.OneLine(text, 500);

    private static string? StandardReasonPhrase(int statusCode)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)statusCode);
        return response.ReasonPhrase;
    }
}
