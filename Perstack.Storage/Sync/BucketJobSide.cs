using Perstack.Core.Domain;
using Perstack.Storage.S3;

namespace Perstack.Storage.Sync;

/// <summary>
/// A job in a bucket, under the history's prefix (<c>{prefix}/jobs/{jobId}/…</c>). With <paramref name="recordJobFile"/>
/// (a push: <see cref="S3.Index.JobFileRecorder"/>), each <c>job.json</c> written is then recorded in the bucket's jobs index.
/// </summary>
public sealed class BucketJobSide(S3Bucket bucket, Func<ReadOnlyMemory<byte>, string, CancellationToken, Task>? recordJobFile = null) : IJobSide
{
    /// <inheritdoc />
    public string Display => bucket.Location.Display;

    /// <inheritdoc />
    public async Task<Dictionary<string, JobObject>> ListAsync(JobId jobId, List<string> ignored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ignored);
        var objects = new Dictionary<string, JobObject>(StringComparer.Ordinal);
        var jobPrefix = S3Keys.Job(jobId);
        foreach (var item in await bucket.ListAsync(jobPrefix, cancellationToken).ConfigureAwait(false))
        {
            var key = item.Key[jobPrefix.Length..];
            if (!JobObjectKeys.IsValid(key))
            {
                ignored.Add(item.Key);
                continue;
            }

            // A single-part upload's entity tag is the MD5 of its bytes; a multipart one ("…-3") is not, and is recopied.
            var etag = item.ETag.Trim('"');
            objects[key] = new JobObject(key, item.Size, etag.Length == 32 && !etag.Contains('-', StringComparison.Ordinal) ? etag.ToLowerInvariant() : null);
        }

        return objects;
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(JobId jobId, string key, CancellationToken cancellationToken) =>
        (await bucket.GetAsync(S3Keys.Job(jobId) + key, cancellationToken).ConfigureAwait(false))?.Content
            ?? throw new PerstackException($"Error: {bucket.Location.Display}/{S3Keys.Job(jobId)}{key} disappeared while job {jobId} was copied");

    /// <inheritdoc />
    public async Task WriteAsync(JobId jobId, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var etag = await bucket.PutIfAsync(S3Keys.Job(jobId) + key, content, null, cancellationToken).ConfigureAwait(false);
        if (key == JobObjectKeys.JobFile && recordJobFile is not null)
        {
            await recordJobFile(content, etag ?? "", cancellationToken).ConfigureAwait(false);
        }
    }
}
