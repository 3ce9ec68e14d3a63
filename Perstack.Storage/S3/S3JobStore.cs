using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.S3.Index;
using Perstack.Storage.S3.Leases;

namespace Perstack.Storage.S3;

/// <summary>
/// <see cref="IJobStore"/> over <c>jobs/&lt;jobId&gt;/job.json</c> objects (2-space indented, as the reference writes it).
/// Listings answer from the bucket's jobs index (<see cref="BucketJobsIndexObject"/>), which every write of a
/// <c>job.json</c> here keeps current; <see cref="RefreshAsync"/> lists the bucket itself and rewrites the index.
/// </summary>
public sealed class S3JobStore(S3History history, S3JobLeases locks, S3Writer writer) : IJobStore
{
    private readonly BucketJobsIndexObject _index = new(history, locks.HonoursConditionalWritesAsync);

    /// <inheritdoc />
    /// <remarks>A job without <c>job.json</c> is derived from its checkpoints, never written.</remarks>
    public async Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = S3Keys.JobFile(jobId);
        var job = await history.ReadJsonOrThrowAsync(key, PerstackJson.JobIndented, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            var objects = await history.Bucket.ListAsync(S3Keys.Job(jobId), cancellationToken).ConfigureAwait(false);
            var checkpoints = objects.Where(o => o.Key.StartsWith(S3Keys.Checkpoints(jobId), StringComparison.Ordinal)).ToList();
            return checkpoints.Count == 0 ? null
                : await S3JobListing.DeriveAsync(history, jobId, checkpoints, S3JobListing.EventTimes(objects), cancellationToken).ConfigureAwait(false);
        }

        return job.Id == jobId
            ? job
            : throw new CorruptFileException(new StoreProblem(history.Show(key), $"it belongs to job {job.Id}, not {jobId}"));
    }

    /// <inheritdoc />
    /// <remarks>The job's lock is taken first; <c>job.json</c> is uploaded when this returns, even writing behind.</remarks>
    public async Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var held = locks.Acquire(job.Id);
        try
        {
            if (await history.Bucket.AnyAsync(S3Keys.Job(job.Id), cancellationToken).ConfigureAwait(false))
            {
                throw new JobExistsException(job.Id);
            }

            await S3Writer.Immediate(history.Bucket).WriteJsonAsync(S3Keys.JobFile(job.Id), job, PerstackJson.JobIndented, _index.RecordAsync, cancellationToken).ConfigureAwait(false);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return writer.WriteJsonAsync(S3Keys.JobFile(job.Id), job, PerstackJson.JobIndented, _index.RecordAsync, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One GET of the bucket's jobs index (a 304 when the user's cache holds it already). Without a usable index the
    /// bucket is listed (<see cref="RefreshAsync"/>), and an unusable one is reported as a problem.
    /// </remarks>
    public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var read = await _index.ReadAsync(cancellationToken).ConfigureAwait(false);
        return read.Index is { } index
            ? new StoreListing<Job>(index.Jobs(), [.. index.Problems.Select(p => new StoreProblem(history.Show(p.Key), p.Reason))])
            : await ListBucketAsync(read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Lists <c>jobs/</c> (1,000 keys a request), downloads each <c>job.json</c> neither the index nor the user's cache
    /// holds under its current ETag, and writes the index anew — unless another writer changed it meanwhile.
    /// </remarks>
    public async Task<StoreListing<Job>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await ListBucketAsync(await _index.ReadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Job>?>(_index.ReadCached()?.JobsIn(JobOrder.LatestActivityFirst));

    /// <inheritdoc />
    /// <remarks>
    /// Under the job's lock: every object but <c>job.json</c> first, then <c>job.json</c>, so a delete killed half-way
    /// leaves a job that still lists (with fewer checkpoints) and is deleted by running the command again.
    /// </remarks>
    public async Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var objects = await history.Bucket.ListAsync(S3Keys.Job(jobId), cancellationToken).ConfigureAwait(false);
        if (objects.Count == 0)
        {
            return false;
        }

        using (locks.Acquire(jobId))
        {
            // Listed again under the lease: a run that uploaded more objects before it released the job would otherwise
            // leave them behind, listed as a derived job.
            objects = await history.Bucket.ListAsync(S3Keys.Job(jobId), cancellationToken).ConfigureAwait(false);
            var jobFile = S3Keys.JobFile(jobId);
            await Parallel.ForEachAsync(objects.Where(o => o.Key != jobFile), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (item, token) => await history.Bucket.DeleteAsync(item.Key, token).ConfigureAwait(false)).ConfigureAwait(false);
            await history.Bucket.DeleteAsync(jobFile, cancellationToken).ConfigureAwait(false);
            await _index.RemoveAsync(jobId, cancellationToken).ConfigureAwait(false);
        }

        history.ForgetHeaders(jobId);
        return true;
    }

    private async Task<StoreListing<Job>> ListBucketAsync(BucketJobsIndexObject.Read read, CancellationToken cancellationToken)
    {
        var (listing, etags) = await S3JobListing.ReadAsync(history, read.Index, cancellationToken).ConfigureAwait(false);
        await _index.TryCreateAsync(listing, etags, read.ETag, cancellationToken).ConfigureAwait(false);
        return read.Problem is { } problem
            ? listing with { Problems = [new StoreProblem(history.Show(BucketJobsIndexObject.Key), problem), .. listing.Problems] }
            : listing;
    }
}
