using System.ClientModel;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// Reads the exceptions that say more than the HTTP response does (the Messages API's mid-stream error events, the
/// OpenAI SDK's errors); everything else is left to <see cref="LlmFailureClassifier"/>.
/// </summary>
internal static class SdkErrorClassifier
{
    public static LlmFailure? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AnthropicStreamException stream:
                    return FromStreamError(stream);
                case ClientResultException result when result.Status >= 400:
                    var raw = result.GetRawResponse();
                    TimeSpan? retryAfter = null;
                    if (raw is not null)
                    {
                        retryAfter = RetryAfter(raw.Headers);
                    }

                    return LlmFailureClassifier.FromResponse(new HttpResponseSnapshot(result.Status, raw?.ReasonPhrase, retryAfter, ApiMessage(raw)));
                default:
                    break;
            }
        }

        return null;
    }

    private static LlmFailure FromStreamError(AnthropicStreamException error)
    {
        var (status, retryable) = error.ErrorType switch
        {
            "overloaded_error" => (529, true),
            "api_error" => (500, true),
            "rate_limit_error" => (429, true),
            "timeout_error" => (504, true),
            _ => ((int?)null, false),
        };
        var message = OneLine(error.ErrorMessage) ?? error.ErrorType ?? "error event";
        return new LlmFailure(LlmFailure.ApiCallError, $"Stream error: {message}", status, retryable);
    }

    private static string? ApiMessage(System.ClientModel.Primitives.PipelineResponse? response)
    {
        try
        {
            return response is null ? null : HttpResponseCaptureHandler.ReadApiMessage(response.Content.ToString());
        }
        catch (InvalidOperationException)
        {
            // The body was streamed and not buffered.
            return null;
        }
    }

    private static TimeSpan? RetryAfter(System.ClientModel.Primitives.PipelineResponseHeaders headers)
    {
        using var message = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            if (name.Equals("retry-after", StringComparison.OrdinalIgnoreCase) || name.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return HttpResponseCaptureHandler.ReadRetryAfter(message, DateTimeOffset.UtcNow);
    }

    private static string? OneLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
