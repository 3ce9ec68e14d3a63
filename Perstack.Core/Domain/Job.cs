using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>A job: everything one coordinator request produced, across runs, delegates and continuations.</summary>
public sealed record Job
{
    /// <summary>The job id.</summary>
    public required JobId Id { get; init; }

    /// <summary>The job status.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>The expert the job was started with.</summary>
    public required string CoordinatorExpertKey { get; init; }

    /// <summary>The last checkpoint's cumulative step number.</summary>
    public long TotalSteps { get; init; }

    /// <summary>The step limit the job was created with, if any.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>The last checkpoint's cumulative usage.</summary>
    public required Usage Usage { get; init; }

    /// <summary>When the job was created, epoch milliseconds.</summary>
    public long StartedAt { get; init; }

    /// <summary>When the job finished, epoch milliseconds; absent while running or paused.</summary>
    public long? FinishedAt { get; init; }

    /// <summary>
    /// Perstack.NET addition: when the job was last written, epoch ms (drives <c>--continue</c>; absent in
    /// TypeScript-written jobs, where <see cref="FinishedAt"/> or <see cref="StartedAt"/> stands in).
    /// </summary>
    public long? UpdatedAt { get; init; }

    /// <summary>Perstack.NET addition: a title given with <c>perstack jobs title</c>; absent when none.</summary>
    public string? Title { get; init; }

    /// <summary>Perstack.NET addition: the job and checkpoint this job was forked from (<c>perstack jobs fork</c>).</summary>
    public JobOrigin? ForkedFrom { get; init; }

    /// <summary>
    /// Perstack.NET addition: true on a job <c>perstack jobs fork</c> made from a checkpoint in the middle of a run
    /// (not a stop), until a run continues it. The reference's status enum is closed (running, completed,
    /// stoppedByMaxSteps, stoppedByInteractiveTool, stoppedByError) and has no "not started": such a fork is stored as
    /// <c>stoppedByInteractiveTool</c> without <c>finishedAt</c> — paused for a person, neither failed nor running, a
    /// status every reader accepts — and shown as "forked · ready to continue".
    /// </summary>
    public bool? ReadyToContinue { get; init; }

    /// <summary>
    /// Perstack.NET, in memory only: the job has no <c>job.json</c> (today's TypeScript Perstack writes none, or its write
    /// never happened) and was derived from its checkpoints. Never written to <c>job.json</c>.
    /// </summary>
    [JsonIgnore]
    public bool IsDerived { get; init; }

    /// <summary>The best known "last activity" time.</summary>
    [JsonIgnore]
    public long LastActivityAt => UpdatedAt ?? FinishedAt ?? StartedAt;

    /// <summary>Fields written by a newer Perstack, kept so rewriting <c>job.json</c> never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
