using Perstack.Core.Domain;

namespace Perstack.Storage.Sync;

/// <summary>Where a copy of a job is read from or written to: a history folder or a bucket.</summary>
public interface IJobSide
{
    /// <summary>How the user names this side (a folder path, <c>s3://bucket/prefix</c>).</summary>
    string Display { get; }

    /// <summary>The ids of the jobs this side holds, in id order; names that are not job ids go to <paramref name="ignored"/> (a folder's dot folders stay silent).</summary>
    Task<IReadOnlyList<JobId>> JobIdsAsync(List<string> ignored, CancellationToken cancellationToken);

    /// <summary>The job's objects, keyed relative to the job; keys outside the layout go to <paramref name="ignored"/>.</summary>
    Task<Dictionary<string, JobObject>> ListAsync(JobId jobId, List<string> ignored, CancellationToken cancellationToken);

    /// <summary>The object's bytes.</summary>
    Task<byte[]> ReadAsync(JobId jobId, string key, CancellationToken cancellationToken);

    /// <summary>Writes the object whole (atomically).</summary>
    Task WriteAsync(JobId jobId, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
