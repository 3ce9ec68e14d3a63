using Perstack.Core.Runs;
using Perstack.Core.Secrets;

namespace Perstack.Core.Providers;

/// <summary>Everything needed to build the chat client of a run.</summary>
public sealed record ProviderRequest
{
    /// <summary>The provider, the model, and the retries and timeout of each generation.</summary>
    public required ModelSettings Model { get; init; }

    /// <summary><c>[provider.setting]</c> values; they win over environment variables.</summary>
    public ProviderSettings Setting { get; init; } = new();

    /// <summary>Environment lookup (process environment merged with .env files).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The run's known secrets: what the model says is redacted with them before telemetry records it.</summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;
}
