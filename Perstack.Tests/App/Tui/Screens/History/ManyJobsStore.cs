using System.Globalization;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>
/// Many jobs in memory, started one after the other (the latest first in <see cref="Ids"/>); its cached listing counts
/// the jobs read on a thread (<see cref="CountingJobs"/>); the checked listing may be held back until <see cref="Release"/>.
/// </summary>
internal sealed class ManyJobsStore(int count) : IJobStore
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Job> _jobs = Ids(count).Select((id, i) => TestData.Job(id, startedAt: 1_700_000_000_000 + count - i)).ToList();

    public bool HoldListing { get; init; }

    public CountingJobs Cached { get; } = new();

    /// <summary>The ids in the History's order (the latest first).</summary>
    public static List<string> Ids(int count) => Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"job-{count - i:D6}")).ToList();

    public void Release() => _released.SetResult();

    public Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default) => Task.FromResult(_jobs.Find(j => j.Id == jobId));

    public Task SaveAsync(Job job, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default) => throw new NotSupportedException("browsing only");

    public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (HoldListing)
        {
            await _released.Task.ConfigureAwait(false);
        }

        return new StoreListing<Job>(_jobs, []);
    }

    public Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default)
    {
        Cached.Jobs = _jobs;
        return Task.FromResult<IReadOnlyList<Job>?>(HoldListing ? Cached : null);
    }

    public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
