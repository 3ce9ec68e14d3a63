using Perstack.Core.Domain.Experts;

namespace Perstack.Core.Domain.Runs;

/// <summary>The settings of one run, stored as <c>runs/&lt;runId&gt;/run-setting.json</c>.</summary>
public sealed record RunSetting
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Provider (without credentials).</summary>
    public required ProviderConfig ProviderConfig { get; init; }

    /// <summary>The job.</summary>
    public required JobId JobId { get; init; }

    /// <summary>The run.</summary>
    public required RunId RunId { get; init; }

    /// <summary>The expert asked.</summary>
    public required string ExpertKey { get; init; }

    /// <summary>The input.</summary>
    public required RunInput Input { get; init; }

    /// <summary>Experts known to the run, by key.</summary>
    public IReadOnlyDictionary<string, Expert> Experts { get; init; } = new Dictionary<string, Expert>();

    /// <summary>Sampling temperature, 0–1.</summary>
    public double Temperature { get; init; }

    /// <summary>Job step limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Retries per generation.</summary>
    public long MaxRetries { get; init; } = 5;

    /// <summary>Timeout per generation, ms.</summary>
    public long Timeout { get; init; } = 300_000;

    /// <summary>Created, epoch ms.</summary>
    public long StartedAt { get; init; }

    /// <summary>Last used, epoch ms.</summary>
    public long UpdatedAt { get; init; }

    /// <summary>Perstack API base URL.</summary>
    public string? PerstackApiBaseUrl { get; init; }

    /// <summary>Command replacing the base skill's.</summary>
    public IReadOnlyList<string>? PerstackBaseSkillCommand { get; init; }

    /// <summary>
    /// Environment values. The reference stored the whole process environment here; Perstack.NET always
    /// writes it empty (see <see cref="EnvNames"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Perstack.NET addition: the names (never the values) of the variables the run could see.</summary>
    public IReadOnlyList<string>? EnvNames { get; init; }
}
