using Perstack.Core.Config;

namespace Perstack.Core.Providers;

/// <summary>Everything needed to build the chat client of a run.</summary>
public sealed record ProviderRequest
{
    /// <summary>Provider name (anthropic, openai, azure-openai, deepseek, ollama, google, amazon-bedrock, google-vertex).</summary>
    public required string ProviderName { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary><c>[provider.setting]</c> values; they win over environment variables.</summary>
    public ProviderSetting Setting { get; init; } = new();

    /// <summary>Environment lookup (process environment merged with .env files).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>Retries of transient failures per generation.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Timeout per generation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(300_000);
}
