using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs title</c> does once its arguments are parsed and checked.</summary>
internal sealed class JobsTitleHandler(IJobStore store, IJobFiles files, IJobLocks locks)
{
    /// <summary>Sets (or, for an empty <paramref name="text"/>, removes) the job's title.</summary>
    public async Task<int> RunAsync(JobId jobId, string text, CancellationToken cancellationToken)
    {
        if (!files.Exists(jobId))
        {
            throw new PerstackException($"Job {jobId} not found");
        }

        // Its files are another Perstack's (today's TypeScript writes no job.json): only a run continuing it writes one.
        if (await store.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { IsDerived: true })
        {
            throw new PerstackException($"Job {jobId} has no job.json (it is derived from its checkpoints); continue it with perstack run --continue-job {jobId} first");
        }

        // A running job rewrites job.json after every step and would drop the title: refuse, as a second run would be.
        using (locks.Acquire(jobId))
        {
            var job = await store.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Job {jobId} not found");
            await store.SaveAsync(job with { Title = text.Length == 0 ? null : text }, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }
}
