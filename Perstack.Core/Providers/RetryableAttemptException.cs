namespace Perstack.Core.Providers;

/// <summary>Carries a retryable failure through the Polly pipeline of <see cref="RetryingChatClient"/>.</summary>
internal sealed class RetryableAttemptException : Exception
{
    public RetryableAttemptException(LlmFailure failure, Exception innerException)
        : base(failure.Message, innerException)
    {
        Failure = failure;
    }

    public RetryableAttemptException()
    {
        Failure = new LlmFailure(LlmFailure.ApiCallError, string.Empty, null, true);
    }

    public RetryableAttemptException(string message)
        : base(message)
    {
        Failure = new LlmFailure(LlmFailure.ApiCallError, message, null, true);
    }

    public RetryableAttemptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = new LlmFailure(LlmFailure.ApiCallError, message, null, true);
    }

    public LlmFailure Failure { get; }
}
