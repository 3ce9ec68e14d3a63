using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>Deletes jobs for <c>jobs delete</c>, <c>jobs prune</c> and the workbench, reporting each one.</summary>
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
            var (deleted, message) = await DeleteAsync(jobId, cancellationToken).ConfigureAwait(false);
            await (deleted ? context.Output : context.Error).WriteLineAsync(message).ConfigureAwait(false);
            ok &= deleted;
        }

        return ok;
    }

    /// <summary>Deletes one job; the line to report says what happened (refused while it runs, not found, an I/O error).</summary>
    public async Task<(bool Deleted, string Message)> DeleteAsync(JobId jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.DeleteAsync(jobId, cancellationToken).ConfigureAwait(false)
                ? (true, $"Deleted {jobId}")
                : (false, $"Job {jobId} not found");
        }
        catch (JobLockedException e)
        {
            return (false, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, $"Error: Cannot delete job {jobId}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
