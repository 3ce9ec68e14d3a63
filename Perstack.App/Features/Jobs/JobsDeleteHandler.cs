using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs delete</c> does once its ids are parsed.</summary>
internal sealed class JobsDeleteHandler(IJobFiles files, IJobLocks locks, JobDeleter deleter)
{
    /// <summary>Deletes the jobs that exist and are not running, after asking unless <paramref name="yes"/>.</summary>
    public async Task<int> RunAsync(CliContext context, IReadOnlyList<JobId> jobIds, bool yes, TextReader? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(jobIds);
        bool failed = false;
        var doomed = new List<JobId>();
        foreach (var jobId in jobIds)
        {
            string? problem = !files.Exists(jobId) ? $"Job {jobId} not found"
                : locks.IsHeld(jobId) ? new JobLockedException(jobId).Message
                : null;
            if (problem is null)
            {
                doomed.Add(jobId);
            }
            else
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                failed = true;
            }
        }

        if (doomed.Count == 0)
        {
            return PerstackCli.Failure;
        }

        long bytes = doomed.Sum(files.SizeOnDisk);
        if (!yes
            && !await Confirmation.AskAsync(input, context.Error, $"Delete {Confirmation.Jobs(doomed.Count)} ({Confirmation.Size(bytes)})?").ConfigureAwait(false))
        {
            return PerstackCli.Failure;
        }

        failed |= !await deleter.DeleteAllAsync(context, doomed, cancellationToken).ConfigureAwait(false);
        return failed ? PerstackCli.Failure : 0;
    }
}
