using Perstack.Core.Domain;

namespace Perstack.App.Features.Jobs;

/// <summary>
/// Copies one job between the local folder and a bucket and returns its line and whether anything was copied (the
/// storage adapters stay in the composition root); <c>ignored</c> receives the bucket keys outside the job layout.
/// </summary>
/// <param name="copy">Copies one job.</param>
/// <param name="sourceJobs">The ids of every job the side copied from holds (<c>--all</c>).</param>
/// <param name="resources">Closed when the copy is disposed, in order.</param>
internal sealed class JobSyncCopy(
    Func<JobId, List<string>, CancellationToken, Task<(string Line, bool Copied)>> copy,
    Func<List<string>, CancellationToken, Task<IReadOnlyList<JobId>>> sourceJobs,
    params IDisposable[] resources) : IDisposable
{
    /// <summary>Copies the job.</summary>
    public Task<(string Line, bool Copied)> CopyAsync(JobId jobId, List<string> ignored, CancellationToken cancellationToken) => copy(jobId, ignored, cancellationToken);

    /// <summary>Every job of the side copied from, in id order.</summary>
    public Task<IReadOnlyList<JobId>> SourceJobsAsync(List<string> ignored, CancellationToken cancellationToken) => sourceJobs(ignored, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var resource in resources)
        {
            resource.Dispose();
        }
    }
}
