using Perstack.Core.Config;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Providers;
using Perstack.Core.Secrets;

namespace Perstack.Core.Runs;

/// <summary>
/// Everything one run needs, settled: the flags, perstack.toml and the environment merged by
/// <see cref="RunRequestFactory"/>. Nothing after it reads a flag, a default or an id string.
/// </summary>
public sealed record RunRequest
{
    /// <summary>The expert to run (found in <see cref="Experts"/>).</summary>
    public required ExpertKey ExpertKey { get; init; }

    /// <summary>The query, or the interactive answer.</summary>
    public required string Query { get; init; }

    /// <summary>Where the run starts.</summary>
    public required StartPoint Start { get; init; }

    /// <summary>Whether the query answers a pending interactive call (null: when the checkpoint waits for one).</summary>
    public bool? Answer { get; init; }

    /// <summary>The model and how it is called.</summary>
    public required ModelSettings Model { get; init; }

    /// <summary>The job's bounds.</summary>
    public required RunLimits Limits { get; init; }

    /// <summary>perstack.toml's <c>[provider.setting]</c>.</summary>
    public required ProviderSettings ProviderSettings { get; init; }

    /// <summary>Every configured expert by key.</summary>
    public required IReadOnlyDictionary<string, Expert> Experts { get; init; }

    /// <summary>The process environment merged with the dotenv files (secret values).</summary>
    public required MergedEnvironment Environment { get; init; }

    /// <summary>The secret values that must never reach a file, the screen or the model.</summary>
    public required SecretRedactor Secrets { get; init; }

    /// <summary>The folder the run works in.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The dotenv files of the run, absolute (the base skill's file tools refuse them unless allowed).</summary>
    public required IReadOnlyList<string> EnvFilePaths { get; init; }

    /// <summary>perstack.toml's <c>allowEnvFiles</c>.</summary>
    public bool AllowEnvFiles { get; init; }

    /// <summary>perstack.toml's <c>perstackApiBaseUrl</c>, else the reference's.</summary>
    public required string PerstackApiBaseUrl { get; init; }

    /// <summary>perstack.toml's <c>perstackBaseSkillCommand</c>, if any.</summary>
    public IReadOnlyList<string>? BaseSkillCommand { get; init; }

    /// <summary><c>--verbose</c>.</summary>
    public bool Verbose { get; init; }
}
