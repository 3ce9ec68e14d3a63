using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary>
/// <see cref="IJobFiles"/> on a bucket. A new job (import, fork) is uploaded with its <c>job.json</c> last, so the job
/// lists once it is complete; an upload killed half-way leaves objects without <c>job.json</c> that list as a derived job.
/// </summary>
public sealed class S3JobFiles(S3History history, Leases.S3JobLeases locks) : IJobFiles
{
    private readonly Index.BucketJobsIndexObject _index = new(history, locks.HonoursConditionalWritesAsync);

    /// <inheritdoc />
    public bool Exists(JobId jobId) => history.Bucket.AnyAsync(S3Keys.Job(jobId), CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public JobId? FindIgnoringCase(JobId jobId)
    {
        var listed = history.Bucket.ListAsync(S3Keys.Jobs, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var item in listed)
        {
            var rest = item.Key[S3Keys.Jobs.Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && string.Equals(rest[..slash], jobId.Value, StringComparison.OrdinalIgnoreCase) && JobId.TryParse(rest[..slash], out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public long SizeOnDisk(JobId jobId) =>
        history.Bucket.ListAsync(S3Keys.Job(jobId), CancellationToken.None).GetAwaiter().GetResult().Sum(o => o.Size);

    /// <inheritdoc />
    public async Task CreateAsync(JobContents contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Problem() is { } problem)
        {
            throw new PerstackException($"Cannot store job {contents.Job.Id}: {problem}");
        }

        var jobId = contents.Job.Id;
        using var held = locks.Acquire(jobId);
        if (FindIgnoringCase(jobId) is { } existing)
        {
            throw new JobExistsException(existing);
        }

        var writer = S3Writer.Immediate(history.Bucket);
        foreach (var checkpoint in contents.Checkpoints)
        {
            await writer.WriteJsonAsync(S3Keys.Checkpoint(jobId, checkpoint.Id), checkpoint, PerstackJson.Checkpoint, cancellationToken).ConfigureAwait(false);
        }

        var runSettings = new S3RunSettingStore(history, writer);
        foreach (var setting in contents.RunSettings)
        {
            await runSettings.SaveAsync(setting, cancellationToken).ConfigureAwait(false);
        }

        using var events = new S3EventStore(history, writer);
        foreach (var runEvent in contents.Events)
        {
            await events.SaveAsync(runEvent, cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteJsonAsync(S3Keys.JobFile(jobId), contents.Job, PerstackJson.JobIndented, _index.RecordAsync, cancellationToken).ConfigureAwait(false);
    }
}
