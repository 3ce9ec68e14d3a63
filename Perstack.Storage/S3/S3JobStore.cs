using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary><see cref="IJobStore"/> over <c>jobs/&lt;jobId&gt;/job.json</c> objects (2-space indented, as the reference writes it).</summary>
public sealed class S3JobStore(S3History history, IJobLocks locks, S3Writer writer) : IJobStore
{
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

            await S3Writer.Immediate(history.Bucket).WriteJsonAsync(S3Keys.JobFile(job.Id), job, PerstackJson.JobIndented, cancellationToken).ConfigureAwait(false);
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
        return writer.WriteJsonAsync(S3Keys.JobFile(job.Id), job, PerstackJson.JobIndented, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await S3JobListing.ReadAsync(history, cancellationToken).ConfigureAwait(false);
    }

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
            var jobFile = S3Keys.JobFile(jobId);
            await Parallel.ForEachAsync(objects.Where(o => o.Key != jobFile), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (item, token) => await history.Bucket.DeleteAsync(item.Key, token).ConfigureAwait(false)).ConfigureAwait(false);
            await history.Bucket.DeleteAsync(jobFile, cancellationToken).ConfigureAwait(false);
        }

        history.ForgetHeaders(jobId);
        return true;
    }
}
