using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain;

/// <summary>The state of a job at the end of step <see cref="StepNumber"/>; stored once, never rewritten.</summary>
public sealed record Checkpoint
{
    /// <summary>The checkpoint id.</summary>
    public required CheckpointId Id { get; init; }

    /// <summary>The job it belongs to.</summary>
    public required JobId JobId { get; init; }

    /// <summary>The run that wrote it.</summary>
    public required RunId RunId { get; init; }

    /// <summary>Its status.</summary>
    public required CheckpointStatus Status { get; init; }

    /// <summary>Job-wide step counter.</summary>
    public required long StepNumber { get; init; }

    /// <summary>The whole conversation so far.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>The expert that ran the step.</summary>
    public required ExpertRef Expert { get; init; }

    /// <summary>Job-wide cumulative usage.</summary>
    public required Usage Usage { get; init; }

    /// <summary>The model's context window in tokens, when known.</summary>
    public long? ContextWindow { get; init; }

    /// <summary>Share of the context window used by the latest call (0–1).</summary>
    public double? ContextWindowUsage { get; init; }

    /// <summary>Delegations waiting to run.</summary>
    public IReadOnlyList<DelegationTarget>? DelegateTo { get; init; }

    /// <summary>The parent that delegated to this expert.</summary>
    public DelegatedBy? DelegatedBy { get; init; }

    /// <summary>Tool calls still to answer when resuming.</summary>
    public IReadOnlyList<ToolCall>? PendingToolCalls { get; init; }

    /// <summary>Tool results gathered so far in a stopped step.</summary>
    public IReadOnlyList<ToolResult>? PartialToolResults { get; init; }

    /// <summary>Why the run stopped, for <see cref="CheckpointStatus.StoppedByError"/>.</summary>
    public CheckpointError? Error { get; init; }

    /// <summary>Consecutive retries of the current generation: 0 after a successful one (today's Perstack).</summary>
    public long? RetryCount { get; init; }

    /// <summary>
    /// Runtime-specific data of today's TypeScript Perstack (<c>{"runtime":"claude-code",…}</c>), kept exactly as read:
    /// its schema passes unknown keys through here.
    /// </summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>
    /// Perstack.NET addition: position in the job's write order, so forks that share a step number sort
    /// deterministically. The TypeScript reader ignores it.
    /// </summary>
    public long? Sequence { get; init; }

    /// <summary>Perstack.NET addition: the checkpoint this step continued from, so forks show as branches.</summary>
    public CheckpointId? ParentCheckpointId { get; init; }

    /// <summary>Fields this version does not know (written by another Perstack), kept so a rewrite never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
