using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Runs;

/// <summary>
/// The run settings given on the command line, typed as parsed; null where perstack.toml, then the default, applies
/// (<see cref="RunRequestFactory"/> decides).
/// </summary>
public sealed record RunOverrides
{
    /// <summary>The folder the run works in (relative paths resolve against it).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary><c>--config</c>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary><c>--provider</c>, as typed: the factory checks it, after the expert (the reference's order).</summary>
    public string? Provider { get; init; }

    /// <summary><c>--model</c>.</summary>
    public string? Model { get; init; }

    /// <summary><c>--temperature</c>.</summary>
    public double? Temperature { get; init; }

    /// <summary><c>--reasoning-budget</c>.</summary>
    public ReasoningBudget? ReasoningBudget { get; init; }

    /// <summary><c>--max-steps</c>.</summary>
    public int? MaxSteps { get; init; }

    /// <summary><c>--max-retries</c>.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>--max-delegation-depth</c>.</summary>
    public int? MaxDelegationDepth { get; init; }

    /// <summary><c>--timeout</c>, ms.</summary>
    public int? Timeout { get; init; }

    /// <summary><c>--tool-timeout</c>, ms.</summary>
    public int? ToolTimeout { get; init; }

    /// <summary><c>--job-id</c>: the id of a new job (ignored when continuing).</summary>
    public JobId? JobId { get; init; }

    /// <summary>The stored job to continue (<c>--continue</c>, <c>--continue-job</c>, <c>--resume-from</c>); null: a new job.</summary>
    public StartPoint? Continue { get; init; }

    /// <summary><c>--env-path</c> (null or empty: not given).</summary>
    public IReadOnlyList<string>? EnvPaths { get; init; }

    /// <summary><c>--verbose</c>.</summary>
    public bool Verbose { get; init; }
}
