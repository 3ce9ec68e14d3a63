using Perstack.Core.Domain;
using Perstack.Storage.S3;

namespace Perstack.Storage.Sync;

/// <summary>A job in a bucket, under the history's prefix (<c>{prefix}/jobs/{jobId}/…</c>).</summary>
/// <param name="bucket">The bucket history.</param>
/// <param name="writer">What writes go through (a push: it checks the job's lease before each upload); null: straight to the bucket.</param>
/// <param name="recordJobFile">
/// With a <paramref name="writer"/> (a push: <see cref="S3.Index.JobFileRecorder"/>): each <c>job.json</c> written is then
/// recorded in the bucket's jobs index, with its bytes and new ETag.
/// </param>
public sealed class BucketJobSide(S3Bucket bucket, S3Writer? writer = null, Func<ReadOnlyMemory<byte>, string, CancellationToken, Task>? recordJobFile = null) : IJobSide
{
    /// <inheritdoc />
    public string Display => bucket.Location.Display;

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobId>> JobIdsAsync(List<string> ignored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ignored);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in await bucket.ListAsync(S3Keys.Jobs, cancellationToken).ConfigureAwait(false))
        {
            var rest = item.Key[S3Keys.Jobs.Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? rest : rest[..slash];
            if (slash > 0 && JobId.TryParse(name, out _))
            {
                ids.Add(name);
            }
            else if (refused.Add(name))
            {
                ignored.Add(item.Key);
            }
        }

        return [.. ids.Select(JobId.Parse)];
    }

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
    public Task WriteAsync(JobId jobId, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => writer switch
    {
        null => bucket.PutAsync(S3Keys.Job(jobId) + key, content, cancellationToken),
        _ when key == JobObjectKeys.JobFile && recordJobFile is { } record => writer.WriteAsync(S3Keys.Job(jobId) + key, content, record, cancellationToken),
        _ => writer.WriteAsync(S3Keys.Job(jobId) + key, content, cancellationToken),
    };
}
