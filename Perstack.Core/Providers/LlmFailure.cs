namespace Perstack.Core.Providers;

/// <summary>
/// What went wrong in one attempt of an LLM call, as the retry decorator sees it: a kind, a one-line message and
/// whether another attempt may help.
/// </summary>
/// <param name="Name">Error kind: <see cref="ApiCallError"/>, <see cref="TimeoutError"/>,
/// <see cref="InvalidResponseDataError"/> or the name of an unexpected exception type.</param>
/// <param name="Message">One line, without secrets, e.g. <c>500 Internal Server Error</c>.</param>
/// <param name="StatusCode">HTTP status, when there was an HTTP response.</param>
/// <param name="IsRetryable">Whether another attempt may succeed.</param>
/// <param name="RetryAfter">How long the server asked to wait before the next attempt, if it said so.</param>
public sealed record LlmFailure(string Name, string Message, int? StatusCode, bool IsRetryable, TimeSpan? RetryAfter = null)
{
    /// <summary>An HTTP call that failed: an error status or no response at all (connection refused or reset).</summary>
    public const string ApiCallError = "APICallError";

    /// <summary>An attempt that took longer than the per-call timeout.</summary>
    public const string TimeoutError = "TimeoutError";

    /// <summary>A successful HTTP response whose body could not be read (malformed JSON, unexpected shape).</summary>
    public const string InvalidResponseDataError = "InvalidResponseDataError";
}
