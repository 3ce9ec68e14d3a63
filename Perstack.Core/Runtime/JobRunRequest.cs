using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Runtime;

/// <summary>One invocation of a job: a new job, or a continuation from a stored checkpoint.</summary>
public sealed record JobRunRequest
{
    /// <summary>The job (new, or the continued checkpoint's).</summary>
    public required JobId JobId { get; init; }

    /// <summary>The expert asked.</summary>
    public required string ExpertKey { get; init; }

    /// <summary>The query or interactive answer.</summary>
    public required RunInput Input { get; init; }

    /// <summary>The stored checkpoint to continue from; null for a new job.</summary>
    public Checkpoint? ContinueFrom { get; init; }

    /// <summary>Every configured expert, by key.</summary>
    public required IReadOnlyDictionary<string, Expert> Experts { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Provider as recorded (no credentials).</summary>
    public required ProviderConfig Provider { get; init; }

    /// <summary>Temperature (sent only with reasoning off).</summary>
    public double Temperature { get; init; }

    /// <summary>How much the model may reason (recorded in every run setting).</summary>
    public ReasoningBudget ReasoningBudget { get; init; } = ReasoningBudget.None;

    /// <summary>The Perstack API base URL recorded in run settings.</summary>
    public string PerstackApiBaseUrl { get; init; } = RunSetting.DefaultPerstackApiBaseUrl;

    /// <summary>Whether the run prints progress (recorded in run settings).</summary>
    public bool Verbose { get; init; }

    /// <summary>Job step limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Retries per generation.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Timeout per generation, ms.</summary>
    public long TimeoutMs { get; init; } = 300_000;

    /// <summary>Names of the environment variables the run could see (never values).</summary>
    public IReadOnlyList<string> EnvNames { get; init; } = [];

    /// <summary>The workspace.</summary>
    public required string WorkingDirectory { get; init; }
}
