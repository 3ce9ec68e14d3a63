using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>Jobs (<c>jobs/&lt;jobId&gt;/job.json</c>).</summary>
public interface IJobStore
{
    /// <summary>The job, or null when it does not exist.</summary>
    /// <exception cref="CorruptFileException">The job file exists but cannot be read.</exception>
    Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new job so that it appears all at once, its <c>job.json</c> in place, and returns its lock, held (the
    /// caller is its one writer until it disposes the lock). Nothing is left behind when this fails or the process dies.
    /// </summary>
    /// <exception cref="JobExistsException">A job with that id exists.</exception>
    Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default);

    /// <summary>Writes the job atomically.</summary>
    Task SaveAsync(Job job, CancellationToken cancellationToken = default);

    /// <summary>All jobs, newest <c>startedAt</c> first (ties by id), plus the job folders that could not be read.</summary>
    Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ListAsync"/>, but from the history itself where the store answers listings from an index of it
    /// (a bucket's jobs index, which writers that are not Perstack.NET do not update), bringing that index up to date.
    /// The default is <see cref="ListAsync"/>: a folder's listing checks every job file already.
    /// </summary>
    Task<StoreListing<Job>> RefreshAsync(CancellationToken cancellationToken = default) => ListAsync(cancellationToken);

    /// <summary>
    /// The jobs as a cache last listed them, the latest activity first (<see cref="Jobs.JobOrder.LatestActivityFirst"/>,
    /// the Job History's order), without checking them against the history, so a screen can show rows at once while
    /// <see cref="ListAsync"/> runs; jobs added or removed since are missing or still there until that listing replaces
    /// them. A store may decode each job only when it is first read from the list, so reading the first screenful
    /// costs that screenful, not the whole history. Null when the store keeps no such cache (the default).
    /// </summary>
    Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Job>?>(null);

    /// <summary>
    /// The first jobs of <see cref="ListCachedAsync"/> (a few hundred: more than a screen shows), read without the rest,
    /// so a screen shows its first rows before the whole cached listing is read. Null when the store keeps no such
    /// head (the default; then <see cref="ListCachedAsync"/>).
    /// </summary>
    Task<IReadOnlyList<Job>?> ListCachedHeadAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Job>?>(null);

    /// <summary>Deletes the job and all its files; false when it did not exist.</summary>
    /// <exception cref="JobLockedException">Another process is running the job.</exception>
    Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default);
}
