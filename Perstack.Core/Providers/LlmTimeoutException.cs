namespace Perstack.Core.Providers;

/// <summary>
/// One attempt of an LLM call ran past its timeout (see <see cref="TimeoutChatClient"/>). The retry decorator
/// treats it as a retryable <see cref="LlmFailure.TimeoutError"/>. It is never thrown when the caller cancelled.
/// </summary>
public sealed class LlmTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a timeout of <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="innerException">What the cancelled call threw, if anything.</param>
    public LlmTimeoutException(TimeSpan timeout, Exception? innerException = null)
        : base(DescribeTimeout(timeout), innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Creates the exception.</summary>
    public LlmTimeoutException()
        : base("The LLM call timed out.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LlmTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LlmTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    private static string DescribeTimeout(TimeSpan timeout) =>
        $"The LLM call timed out after {(long)timeout.TotalMilliseconds} ms";
}
