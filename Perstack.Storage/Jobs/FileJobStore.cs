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
    private readonly StoreWriter _writer;
    private readonly JobDeriver _deriver;

    /// <summary>Creates the store.</summary>
    public FileJobStore(StorageLayout layout, IJobLocks locks)
        : this(layout, locks, StoreWriter.Immediate)
    {
    }

    /// <summary>Creates the store writing through <paramref name="writer"/>.</summary>
    public FileJobStore(StorageLayout layout, IJobLocks locks, StoreWriter writer)
        : this(layout, locks, TimeProvider.System, writer)
    {
    }

    /// <summary>Creates the store with a clock (the jobs index only keeps records of files older than a moment).</summary>
    internal FileJobStore(StorageLayout layout, IJobLocks locks, TimeProvider time, StoreWriter? writer = null)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _writer = writer ?? StoreWriter.Immediate;
        _deriver = new JobDeriver(layout);
    }

    /// <inheritdoc />
    /// <remarks>A job without <c>job.json</c> is derived from its checkpoints (<see cref="Job.IsDerived"/>), never written.</remarks>
    public async Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var file = _layout.JobFile(jobId);
        var job = await JsonFile.ReadOrThrowAsync(file, PerstackJson.JobIndented, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Directory.Exists(_layout.JobDirectory(jobId)) ? await _deriver.DeriveAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        }

        // As in ListAsync: a job.json naming another job is not this job (it would send later writes elsewhere).
        return job.Id == jobId
            ? job
            : throw new CorruptFileException(new StoreProblem(file, $"it belongs to job {job.Id}, not {jobId}"));
    }

    /// <inheritdoc />
    /// <remarks>Staged and renamed into place (<see cref="JobStaging"/>); <c>job.json</c> is on disk when this returns, even writing behind.</remarks>
    public async Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        (_locks as FileJobLocks)?.SweepLeftoversOnce();
        return await JobStaging.CreateAsync(
            _layout,
            job.Id,
            staging => StoreWriter.Immediate.WriteJsonAsync(staging.JobFile(job.Id), job, PerstackJson.JobIndented, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SaveAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _writer.WriteJsonAsync(_layout.JobFile(job.Id), job, PerstackJson.JobIndented, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Reads through the jobs index (<c>jobs-index.bin</c>), which it keeps up to date; see <see cref="IndexedJobListing"/>.</remarks>
    public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await IndexedJobListing.ReadAsync(_layout, _deriver, _time, Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One read of <c>jobs-index.bin</c>; no job file is stamped or read, and each job is decoded when first asked for (<see cref="CachedJobList"/>).</remarks>
    public Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Job>?>(_layout.Cache.JobsIndexFile is { } indexFile ? CachedJobList.Load(indexFile) : null);

    /// <inheritdoc />
    /// <remarks>The head of <c>jobs-index.bin</c> (<see cref="JobsIndexHead"/>): its first kilobytes.</remarks>
    public Task<IReadOnlyList<Job>?> ListCachedHeadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_layout.Cache.JobsIndexFile is { } indexFile ? JobsIndexHead.Read(indexFile) : null);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var directory = _layout.JobDirectory(jobId);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var held = _locks.Acquire(jobId);
        try
        {
            // Rename first, so a crash mid-delete never leaves a half-deleted job that still lists; the lock moves with
            // the folder and is removed last, so a killed delete leaves a leftover whose lock tells its owner is gone.
            var doomed = Path.Combine(_layout.JobsDirectory, $"{JobStaging.DeletingPrefix}{jobId}-{Guid.NewGuid():N}");
            Directory.Move(directory, doomed);
            if (held is LockFile file)
            {
                file.MovedTo(Path.Combine(doomed, StorageLayout.LockFileName));
                Leftovers.Remove(doomed, file);
            }
            else
            {
                Directory.Delete(doomed, recursive: true);
            }
        }
        finally
        {
            held.Dispose();
        }

        if (_layout.Cache.CheckpointIndexFile(jobId) is { } cached)
        {
            AtomicFile.TryDelete(cached);
        }

        return true;
    }
}
