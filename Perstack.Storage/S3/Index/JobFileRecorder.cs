using Perstack.Storage.S3.Leases;

namespace Perstack.Storage.S3.Index;

/// <summary>
/// For code outside the S3 stores that writes a <c>job.json</c> into a bucket history (<c>jobs push</c>): what records
/// it in the bucket's jobs index afterwards, as the stores do (see <see cref="BucketJobsIndexObject"/>).
/// </summary>
public static class JobFileRecorder
{
    /// <summary>Records a <c>job.json</c> just written (its bytes and new ETag) in <paramref name="history"/>'s jobs index.</summary>
    /// <param name="history">The bucket history.</param>
    /// <param name="leases">Its leases, whose probe says whether the server honours conditional writes.</param>
    public static Func<ReadOnlyMemory<byte>, string, CancellationToken, Task> For(S3History history, S3JobLeases leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        return new BucketJobsIndexObject(history, leases.HonoursConditionalWritesAsync).RecordAsync;
    }
}
