using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;

namespace Perstack.Core.Runs;

/// <summary>
/// How a run talks to its model: the provider, the model and its sampling, and how each generation is retried and
/// bounded. The defaults applied when neither the command line nor perstack.toml sets a value are written here and
/// nowhere else; the wire records (<see cref="RunSetting"/>, the <c>initializeRuntime</c> event) are filled from it.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>The model when neither <c>--model</c> nor perstack.toml names one.</summary>
    public const string DefaultModel = "claude-sonnet-4-5";

    /// <summary>The temperature when neither <c>--temperature</c> nor perstack.toml sets one.</summary>
    public const double DefaultTemperature = 0;

    /// <summary>Retries of a failed generation, as <c>maxRetries</c> of the TypeScript runtime.</summary>
    public const int DefaultMaxRetries = 5;

    /// <summary>Timeout per generation in ms, as <c>timeout</c> of the TypeScript runtime (the unit of the files and flags).</summary>
    public const long DefaultTimeoutMs = 300_000;

    /// <summary>The provider when neither <c>--provider</c> nor perstack.toml names one.</summary>
    public static ProviderName DefaultProvider => ProviderName.Anthropic;

    /// <summary><see cref="DefaultTimeoutMs"/> as a duration.</summary>
    public static TimeSpan DefaultTimeout => TimeSpan.FromMilliseconds(DefaultTimeoutMs);

    /// <summary>The provider.</summary>
    public required ProviderName Provider { get; init; }

    /// <summary>The model name.</summary>
    public required string Model { get; init; }

    /// <summary>Sampling temperature (sent only with reasoning off).</summary>
    public double Temperature { get; init; } = DefaultTemperature;

    /// <summary>How much the model may reason.</summary>
    public ReasoningBudget Reasoning { get; init; } = ReasoningBudget.None;

    /// <summary>
    /// Retries per generation: of a transient provider failure (by the chat client) and of a reply with no tool call
    /// (by the run).
    /// </summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>Timeout per generation.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary><see cref="Timeout"/> in ms, as the wire records store it.</summary>
    public long TimeoutMs => (long)Timeout.TotalMilliseconds;
}
