using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Storage.Jobs;

/// <summary><see cref="IJobStore"/> over <c>jobs/&lt;jobId&gt;/job.json</c> (2-space indented, as the reference writes it).</summary>
public sealed class FileJobStore : IJobStore
{
    private readonly StorageLayout _layout;
    private readonly IJobLocks _locks;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    public FileJobStore(StorageLayout layout, IJobLocks locks)
        : this(layout, locks, TimeProvider.System)
    {
    }

    /// <summary>Creates the store with a clock (the jobs index only keeps records of files older than a moment).</summary>
    internal FileJobStore(StorageLayout layout, IJobLocks locks, TimeProvider time)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public async Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        var file = _layout.JobFile(jobId);
        var job = await JsonFile.ReadOrThrowAsync(file, PerstackJson.JobIndented, cancellationToken).ConfigureAwait(false);

        // As in ListAsync: a job.json naming another job is not this job (it would send later writes elsewhere).
        return job is null || job.Id == jobId
            ? job
            : throw new CorruptFileException(new StoreProblem(file, $"it belongs to job {job.Id}, not {jobId}"));
    }

    /// <inheritdoc />
    public Task SaveAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonFile.WriteAsync(_layout.JobFile(job.Id), job, PerstackJson.JobIndented, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Reads through the jobs index (<c>jobs-index.bin</c>), which it keeps up to date; see <see cref="IndexedJobListing"/>.</remarks>
    public Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default) =>
        IndexedJobListing.ReadAsync(_layout, _time, Environment.ProcessorCount, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        var directory = _layout.JobDirectory(jobId);
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(false);
        }

        using (_locks.Acquire(jobId))
        {
            // Rename first, so a crash mid-delete never leaves a half-deleted job that still lists.
            var doomed = Path.Combine(_layout.JobsDirectory, $".deleting-{jobId}-{Guid.NewGuid():N}");
            Directory.Move(directory, doomed);
            Directory.Delete(doomed, recursive: true);
        }

        return Task.FromResult(true);
    }
}
