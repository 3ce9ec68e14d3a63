namespace Perstack.App.Features.Run;

/// <summary>The run options of <c>perstack run</c> / <c>perstack start</c> (flag values; null = perstack.toml, then default).</summary>
internal sealed record RunDefaults
{
    public string? ConfigPath { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public double? Temperature { get; init; }

    public Core.Domain.Runs.ReasoningBudget? ReasoningBudget { get; init; }

    public bool Verbose { get; init; }

    public int? MaxSteps { get; init; }

    public int? MaxRetries { get; init; }

    public int? MaxDelegationDepth { get; init; }

    public int? Timeout { get; init; }

    public int? ToolTimeout { get; init; }

    public string? JobId { get; init; }

    public IReadOnlyList<string>? EnvPaths { get; init; }

    public required string WorkingDirectory { get; init; }
}
