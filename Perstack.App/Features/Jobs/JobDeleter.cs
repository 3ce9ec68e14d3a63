using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>Deletes jobs for <c>jobs delete</c> and <c>jobs prune</c>, reporting each one.</summary>
internal sealed class JobDeleter(IJobStore store)
{
    /// <summary>Deletes each job (its lock is taken, so a job that started meanwhile is refused); false if any failed.</summary>
    public async Task<bool> DeleteAllAsync(CliContext context, IReadOnlyList<JobId> jobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(jobIds);
        bool ok = true;
        foreach (var jobId in jobIds)
        {
            try
            {
                if (await store.DeleteAsync(jobId, cancellationToken).ConfigureAwait(false))
                {
                    await context.Output.WriteLineAsync($"Deleted {jobId}").ConfigureAwait(false);
                    continue;
                }

                await context.Error.WriteLineAsync($"Job {jobId} not found").ConfigureAwait(false);
            }
            catch (JobLockedException e)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"Error: Cannot delete job {jobId}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }

            ok = false;
        }

        return ok;
    }
}
