using Perstack.Core.Storage;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// A job's rebuildable cache of checkpoint headers (<c>jobs/&lt;jobId&gt;/checkpoint-index.json</c>). It is
/// only ever a cache: it is checked against the folder's file names on every read and repaired when stale.
/// </summary>
internal sealed record CheckpointIndex
{
    /// <summary>The format this code writes; any other is rebuilt.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version.</summary>
    public int Version { get; init; }

    /// <summary>One header per checkpoint file, in write order.</summary>
    public List<CheckpointSummary> Entries { get; init; } = [];
}
