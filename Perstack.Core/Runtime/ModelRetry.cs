namespace Perstack.Core.Runtime;

/// <summary>
/// A model call's attempt failed and will be retried (an HTTP 429 or 5xx, a timeout): carried by a
/// <see cref="LiveStreamEvent"/> of kind <see cref="LiveStreamKind.Retry"/>, whose text is the failure's message.
/// </summary>
/// <param name="FailureName">The kind of failure, e.g. <c>RateLimitError</c>.</param>
/// <param name="StatusCode">The HTTP status, when there was a response.</param>
/// <param name="Attempt">The attempt that failed, from 1.</param>
/// <param name="MaxAttempts">How many attempts the call may make in all.</param>
/// <param name="Delay">The wait before the next attempt.</param>
public sealed record ModelRetry(string FailureName, int? StatusCode, int Attempt, int MaxAttempts, TimeSpan Delay);
