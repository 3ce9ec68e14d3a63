using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>Whole-job operations on the stored files: existence, size on disk, and creating a complete job at once.</summary>
public interface IJobFiles
{
    /// <summary>Whether the job's folder exists (even when its <c>job.json</c> is unreadable).</summary>
    bool Exists(JobId jobId);

    /// <summary>
    /// The stored job whose id equals <paramref name="jobId"/> ignoring case, if any. Ids that differ only by case are
    /// one folder on case-insensitive file systems (macOS, Windows), so a new id is checked this way on every file
    /// system: a history copied between machines never splits or merges jobs.
    /// </summary>
    JobId? FindIgnoringCase(JobId jobId);

    /// <summary>Bytes taken by all the job's files; 0 when it does not exist.</summary>
    long SizeOnDisk(JobId jobId);

    /// <summary>
    /// Writes a complete new job so that it appears all at once: its files are written into a hidden staging
    /// folder, then the folder is renamed into place. A failure leaves nothing behind.
    /// </summary>
    /// <exception cref="PerstackException">A job with that id already exists, or the contents are inconsistent.</exception>
    Task CreateAsync(JobContents contents, CancellationToken cancellationToken = default);
}
