namespace Perstack.Core.Providers;

/// <summary>
/// Hears that an attempt of a model call failed and is about to be retried. A call's
/// <see cref="IChatStreamObserver"/> that also implements this is told by <see cref="RetryingChatClient"/>.
/// </summary>
public interface IChatRetryObserver
{
    /// <summary>Attempt <paramref name="attempt"/> of at most <paramref name="maxAttempts"/> failed with <paramref name="failure"/>; the next starts after <paramref name="delay"/>.</summary>
    void Retrying(LlmFailure failure, int attempt, int maxAttempts, TimeSpan delay);
}
