using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Runs;

namespace Perstack.Core.Domain.Runs;

/// <summary>
/// The settings of one run, stored as <c>runs/&lt;runId&gt;/run-setting.json</c>, in a form both the seed's
/// TypeScript schema (which requires <see cref="Temperature"/>) and today's (which requires
/// <see cref="ReasoningBudget"/> and <see cref="MaxSteps"/>) accept.
/// </summary>
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

    /// <summary>Sampling temperature, 0–1 (required by the seed's schema; today's Perstack no longer has it).</summary>
    public double Temperature { get; init; }

    /// <summary>How much the model may reason (today's Perstack; the seed's ignores it). Always written; absent in the seed's files.</summary>
    public ReasoningBudget? ReasoningBudget { get; init; }

    /// <summary>Job step limit (today's Perstack reads a missing one as <see cref="RunLimits.DefaultMaxSteps"/>).</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Retries per generation.</summary>
    public long MaxRetries { get; init; } = ModelSettings.DefaultMaxRetries;

    /// <summary>Timeout per generation, ms.</summary>
    public long Timeout { get; init; } = ModelSettings.DefaultTimeoutMs;

    /// <summary>Created, epoch ms.</summary>
    public long StartedAt { get; init; }

    /// <summary>Last used, epoch ms.</summary>
    public long UpdatedAt { get; init; }

    /// <summary>Perstack API base URL (required by both versions' schemas: always written).</summary>
    public string? PerstackApiBaseUrl { get; init; }

    /// <summary>
    /// Never written: the reference stored the Perstack API key here. Read-only, so a key in a TypeScript-written file
    /// is not even read.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance property of the JSON contract: the serializer must see it to skip the field on read.")]
    public string? PerstackApiKey => null;

    /// <summary>Command replacing the base skill's.</summary>
    public IReadOnlyList<string>? PerstackBaseSkillCommand { get; init; }

    /// <summary>
    /// Environment values. The reference stored the whole process environment here; Perstack.NET always
    /// writes it empty (see <see cref="EnvNames"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Perstack.NET addition: the names (never the values) of the variables the run could see.</summary>
    public IReadOnlyList<string>? EnvNames { get; init; }

    /// <summary>HTTP proxy for API requests (today's Perstack).</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>Whether the run was verbose (today's Perstack).</summary>
    public bool? Verbose { get; init; }

    /// <summary>The reference's default Perstack API base URL.</summary>
    public const string DefaultPerstackApiBaseUrl = "https://api.perstack.ai";

    /// <summary>Fields this version does not know (written by another Perstack), kept so a rewrite never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
