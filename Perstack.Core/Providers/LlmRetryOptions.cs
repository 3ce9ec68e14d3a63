using Perstack.Core.Runs;

namespace Perstack.Core.Providers;

/// <summary>Settings of <see cref="RetryingChatClient"/>.</summary>
public sealed class LlmRetryOptions
{
    private int _maxRetries = ModelSettings.DefaultMaxRetries;
    private TimeSpan _baseDelay = TimeSpan.FromMilliseconds(200);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(10);
    private TimeSpan _maxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, so at most <c>MaxRetries + 1</c> attempts.</summary>
    /// <value>5, as <c>maxRetries</c> of the TypeScript runtime.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetries cannot be negative.");
    }

    /// <summary>Delay before the first retry; later ones grow exponentially (with jitter).</summary>
    /// <value>200 ms.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        set => _baseDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "BaseDelay cannot be negative.");
    }

    /// <summary>Upper bound of a computed backoff delay.</summary>
    /// <value>10 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDelay cannot be negative.");
    }

    /// <summary>Upper bound of a delay asked for by <c>Retry-After</c>; a longer request waits this long.</summary>
    /// <value>60 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxRetryAfter
    {
        get => _maxRetryAfter;
        set => _maxRetryAfter = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRetryAfter cannot be negative.");
    }

    /// <summary>Whether backoff delays are randomised.</summary>
    /// <value>true.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Source of random numbers in [0, 1) for the jitter; Polly's default when null.</summary>
    public Func<double>? Randomizer { get; set; }

    /// <summary>Clock of the backoff delays.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Classifies SDK-specific exceptions before <see cref="LlmFailureClassifier"/> does; return null to leave an
    /// exception to the default rules.
    /// </summary>
    public Func<Exception, LlmFailure?>? Classifier { get; set; }

    /// <summary>Values (API keys, header values) replaced by <c>***</c> wherever they would appear in an error.</summary>
    public IReadOnlyCollection<string> Secrets { get; set; } = [];

    /// <summary>Called before each retry with the failure and the delay about to be waited (for events or logs).</summary>
    public Action<LlmFailure, int, TimeSpan>? OnRetry { get; set; }
}
