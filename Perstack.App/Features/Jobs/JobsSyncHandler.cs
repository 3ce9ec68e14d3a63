using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs push</c> and <c>jobs pull</c> do once their arguments are parsed and checked.</summary>
internal sealed class JobsSyncHandler(HistoryLocation history, IJobLocks locks)
{
    /// <summary>
    /// Copies each job (one line each; with <paramref name="all"/>, every job of the side copied from, and the ones
    /// already up to date are counted in one last line); 1 when any job failed. A failed job does not stop the others.
    /// </summary>
    public async Task<int> RunAsync(IReadOnlyList<JobId> jobIds, bool all, S3Location remote, bool push, Func<string, string?> environment, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(remote);
        if (history.JobsDirectory is not { } jobsDirectory)
        {
            throw new PerstackException($"Error: jobs {(push ? "push" : "pull")} copies between a history folder and a bucket; the local history {history.Root} is not a folder");
        }

        using var copier = Composition.CreateJobSync(remote, push, history.Root, jobsDirectory, environment);
        if (all)
        {
            var strays = new List<string>();
            jobIds = await copier.SourceJobsAsync(strays, cancellationToken).ConfigureAwait(false);
            await WarnAsync(context, remote, strays).ConfigureAwait(false);
        }

        int exitCode = 0;
        int upToDate = 0;
        foreach (var jobId in jobIds.Distinct())
        {
            var ignored = new List<string>();
            try
            {
                var (line, copied) = await CopyLockedAsync(jobId, jobsDirectory, push, copier, ignored, cancellationToken).ConfigureAwait(false);
                if (copied || !all)
                {
                    await context.Text.WriteLineAsync(line).ConfigureAwait(false);
                }
                else
                {
                    upToDate++;
                }
            }
            catch (PerstackException e)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                exitCode = 1;
            }

            await WarnAsync(context, remote, ignored).ConfigureAwait(false);
        }

        if (all)
        {
            await context.Text.WriteLineAsync(jobIds.Count == 0 ? $"No jobs in {(push ? history.Root : remote.Display)}"
                : $"{upToDate} of {jobIds.Count} {(jobIds.Count == 1 ? "job" : "jobs")} already up to date").ConfigureAwait(false);
        }

        return exitCode;
    }

    private static async Task WarnAsync(CliContext context, S3Location remote, List<string> ignored)
    {
        foreach (var key in ignored)
        {
            await context.Error.WriteLineAsync($"Warning: {remote.Display}/{Escape(key)} is not a key of the job layout; ignored").ConfigureAwait(false);
        }
    }

    // The local lock: a running job is not copied half-written, and a pull does not write under a run.
    private async Task<(string Line, bool Copied)> CopyLockedAsync(JobId jobId, string jobsDirectory, bool push, JobSyncCopy copier, List<string> ignored, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(jobsDirectory, jobId.Value);
        bool created = !push && !Directory.Exists(directory);
        if (push && !Directory.Exists(directory))
        {
            throw new PerstackException($"Error: Job {jobId} not found in {history.Root}");
        }

        try
        {
            Directory.CreateDirectory(directory);
            using (locks.Acquire(jobId))
            {
                return await copier.CopyAsync(jobId, ignored, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PerstackException) when (created)
        {
            RemoveIfEmpty(directory);
            throw;
        }
    }

    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            // Only the lock (a dot file) may be there: anything else is someone's data.
            if (Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Any(file => !Path.GetFileName(file).StartsWith('.')))
            {
                return;
            }

            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an empty folder left behind lists as an empty job at worst.
        }
    }

    private static string Escape(string key) => Cli.Output.TerminalText.NeedsEscaping(key) ? Uri.EscapeDataString(key) : key;
}
