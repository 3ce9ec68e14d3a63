using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Skills;

namespace Perstack.Core.Runtime;

/// <summary>One pass: one expert running from a checkpoint until it stops.</summary>
public sealed record RunPass
{
    /// <summary>The run id of this pass.</summary>
    public required RunId RunId { get; init; }

    /// <summary>The expert.</summary>
    public required Expert Expert { get; init; }

    /// <summary>Its delegates (for the system prompt).</summary>
    public IReadOnlyList<Expert> Delegates { get; init; } = [];

    /// <summary>Its skills, started.</summary>
    public required IReadOnlyList<ISkillManager> Skills { get; init; }

    /// <summary>The checkpoint the pass starts from (status <c>init</c>, or a stored status when continuing).</summary>
    public required Checkpoint Start { get; init; }

    /// <summary>The query or the interactive answer.</summary>
    public required RunInput Input { get; init; }

    /// <summary>Model name (for the context window).</summary>
    public required string Model { get; init; }

    /// <summary>Provider name (for the context window).</summary>
    public required string ProviderName { get; init; }

    /// <summary>Sampling temperature (sent only with reasoning off).</summary>
    public double Temperature { get; init; }

    /// <summary>How much the model may reason.</summary>
    public ReasoningBudget ReasoningBudget { get; init; } = ReasoningBudget.None;

    /// <summary>Job step limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>How many consecutive unusable replies (no tool call) are retried before the run stops.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>When the job's run started (for the system prompt).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The workspace (for the system prompt).</summary>
    public required string WorkingDirectory { get; init; }
}
