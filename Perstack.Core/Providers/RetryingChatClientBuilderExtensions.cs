using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>Adds <see cref="RetryingChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class RetryingChatClientBuilderExtensions
{
    /// <summary>
    /// Retries transient failures of the clients added after this one. Call it before
    /// <see cref="TimeoutChatClientBuilderExtensions.UseTimeout"/> so that a timed-out attempt is retried.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the default <see cref="LlmRetryOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, Action<LlmRetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new LlmRetryOptions();
        configure?.Invoke(options);
        return builder.Use(inner => new RetryingChatClient(inner, options));
    }
}
