using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// Settings of <see cref="ChatClientFactory"/> that do not come from perstack.toml: the backoff of the retries and the
/// clock. The timeout and the number of retries come from each <see cref="ProviderRequest"/>.
/// </summary>
public sealed class ChatClientFactoryOptions
{
    /// <summary>Delay before the first retry (see <see cref="LlmRetryOptions.BaseDelay"/>).</summary>
    /// <value>200 ms.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of a backoff delay (see <see cref="LlmRetryOptions.MaxDelay"/>).</summary>
    /// <value>10 s.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of a <c>Retry-After</c> wait (see <see cref="LlmRetryOptions.MaxRetryAfter"/>).</summary>
    /// <value>60 s.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Clock of the backoff delays and of the per-call timeout.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Called before each retry with the failure, the retry number and the delay (for events or logs).</summary>
    public Action<LlmFailure, int, TimeSpan>? OnRetry { get; set; }
}
