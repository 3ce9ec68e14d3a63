using Perstack.Core.Domain;

namespace Perstack.App.Features.Jobs;

/// <summary>
/// Copies one job between the local folder and a bucket and returns its line (the storage adapters stay in the
/// composition root); <c>ignored</c> receives the bucket keys outside the job layout.
/// </summary>
internal sealed class JobSyncCopy(Func<JobId, List<string>, CancellationToken, Task<string>> copy, IDisposable client) : IDisposable
{
    /// <summary>Copies the job.</summary>
    public Task<string> CopyAsync(JobId jobId, List<string> ignored, CancellationToken cancellationToken) => copy(jobId, ignored, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => client.Dispose();
}
