using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>Checkpoints (<c>jobs/&lt;jobId&gt;/checkpoints/&lt;checkpointId&gt;.json</c>).</summary>
public interface ICheckpointStore
{
    /// <summary>The checkpoint, or null when it does not exist.</summary>
    /// <exception cref="CorruptFileException">The file exists but cannot be read.</exception>
    Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The jobs holding a checkpoint with this id, in id order: usually one, more when <c>jobs fork</c> copied it.
    /// Only file names are looked at.
    /// </summary>
    IReadOnlyList<JobId> FindJobs(CheckpointId checkpointId);

    /// <summary>
    /// Writes the checkpoint atomically and returns it as stored: with its <see cref="Checkpoint.Sequence"/>
    /// set to the job's next write position.
    /// </summary>
    Task<Checkpoint> SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Headers of the job's checkpoints, by step number, ties (forks) in write order; never parses messages.
    /// </summary>
    Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default);
}
