using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>Adds <see cref="TimeoutChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class TimeoutChatClientBuilderExtensions
{
    /// <summary>
    /// Limits every call of the clients added after this one (the inner ones) to <paramref name="timeout"/>. Put it
    /// after <see cref="RetryingChatClientBuilderExtensions.UseRetries(ChatClientBuilder, Action{LlmRetryOptions}?)"/>
    /// so that each attempt gets its own limit.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="timeout">Limit per call: positive, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="timeProvider">Clock of the timer; the system clock when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseTimeout(this ChatClientBuilder builder, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TimeoutChatClient(inner, timeout, timeProvider));
    }
}
