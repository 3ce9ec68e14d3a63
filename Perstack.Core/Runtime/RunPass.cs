using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Runs;
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

    /// <summary>The provider and model (for the context window), sampling, reasoning and retries of unusable replies.</summary>
    public required ModelSettings Model { get; init; }

    /// <summary>The job's step limit, shared with every other pass of the invocation.</summary>
    internal JobStepBudget Steps { get; init; } = new(null, 0);

    /// <summary>The experts this pass is nested in, for the delegation limits.</summary>
    internal DelegationChain Delegation { get; init; } = DelegationChain.Root("", null);

    /// <summary>How deeply delegates may nest and how long one tool call may take (unless its skill sets a longer bound for it).</summary>
    public RunLimits Limits { get; init; } = new();

    /// <summary>When the job's run started (for the system prompt).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The workspace (for the system prompt).</summary>
    public required string WorkingDirectory { get; init; }
}
