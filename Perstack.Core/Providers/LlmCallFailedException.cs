using Perstack.Core.Domain;

namespace Perstack.Core.Providers;

/// <summary>
/// An LLM call that failed for good: not retryable, or its retries are exhausted. The run loop turns it into a
/// <c>stopRunByError</c> stop.
/// </summary>
public sealed class LlmCallFailedException : PerstackException
{
    /// <summary>Creates the exception.</summary>
    public LlmCallFailedException(string name, string message, int? statusCode, bool isRetryable, int attempts, Exception? innerException = null)
        : base(message, innerException ?? new InvalidOperationException(message))
    {
        Name = name;
        StatusCode = statusCode;
        IsRetryable = isRetryable;
        Attempts = attempts;
    }

    /// <summary>Error kind, e.g. <c>APICallError</c>, <c>TimeoutError</c>, <c>MaxRetriesExceeded</c>.</summary>
    public string Name { get; }

    /// <summary>HTTP status, when there was a response.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether the last failure was of a retryable kind.</summary>
    public bool IsRetryable { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
