using Perstack.Core.Domain.Experts;
using Perstack.Core.Providers;

namespace Perstack.Core.Config;

/// <summary>A loaded, validated perstack.toml. Absent values mean "use the next source" (flag → toml → default).</summary>
public sealed record PerstackConfig
{
    /// <summary>The file it came from (absolute).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Default model.</summary>
    public string? Model { get; init; }

    /// <summary>Default temperature (0–1).</summary>
    public double? Temperature { get; init; }

    /// <summary>Default reasoning budget (<c>reasoningBudget</c>: a level or a number of tokens).</summary>
    public Domain.Runs.ReasoningBudget? ReasoningBudget { get; init; }

    /// <summary>Default job step limit (≥ 1).</summary>
    public long? MaxSteps { get; init; }

    /// <summary>How deeply delegates may nest (≥ 1); a deeper delegation stops the job.</summary>
    public long? MaxDelegationDepth { get; init; }

    /// <summary>Default retries per generation (≥ 0).</summary>
    public long? MaxRetries { get; init; }

    /// <summary>The longest one tool call may take, ms (≥ 1); past it the model gets a tool error.</summary>
    public long? ToolTimeout { get; init; }

    /// <summary>Whether the base skill's file tools may use environment files (<c>.env</c>, <c>.env.local</c>…).</summary>
    public bool? AllowEnvFiles { get; init; }

    /// <summary>Default timeout per generation, ms (≥ 0).</summary>
    public long? Timeout { get; init; }

    /// <summary>.env files to load, relative to the working directory.</summary>
    public IReadOnlyList<string>? EnvPath { get; init; }

    /// <summary>Provider name from <c>[provider]</c>.</summary>
    public string? ProviderName { get; init; }

    /// <summary><c>[provider.setting]</c>.</summary>
    public ProviderSettings ProviderSetting { get; init; } = new();

    /// <summary>Perstack API base URL.</summary>
    public string? PerstackApiBaseUrl { get; init; }

    /// <summary>Command replacing the base skill's.</summary>
    public IReadOnlyList<string>? PerstackBaseSkillCommand { get; init; }

    /// <summary>Experts by key, in file order.</summary>
    public IReadOnlyList<Expert> Experts { get; init; } = [];
}
