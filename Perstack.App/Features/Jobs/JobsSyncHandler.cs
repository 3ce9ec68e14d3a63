using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs push</c> and <c>jobs pull</c> do once their arguments are parsed and checked.</summary>
internal sealed class JobsSyncHandler(HistoryLocation history, IJobLocks locks)
{
    /// <summary>Copies each job (one line each); 1 when any job failed.</summary>
    public async Task<int> RunAsync(IReadOnlyList<JobId> jobIds, S3Location remote, bool push, Func<string, string?> environment, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        ArgumentNullException.ThrowIfNull(context);
        if (history.JobsDirectory is not { } jobsDirectory)
        {
            throw new PerstackException($"Error: jobs {(push ? "push" : "pull")} copies between a history folder and a bucket; the local history {history.Root} is not a folder");
        }

        using var copier = Composition.CreateJobSync(remote, push, history.Root, jobsDirectory, environment);
        int exitCode = 0;
        foreach (var jobId in jobIds.Distinct())
        {
            var ignored = new List<string>();
            try
            {
                var line = await CopyLockedAsync(jobId, jobsDirectory, push, copier, ignored, cancellationToken).ConfigureAwait(false);
                await context.Text.WriteLineAsync(line).ConfigureAwait(false);
            }
            catch (PerstackException e)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                exitCode = 1;
            }

            foreach (var key in ignored)
            {
                await context.Error.WriteLineAsync($"Warning: {remote.Display}/{Escape(key)} is not a key of the job layout; ignored").ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    // The local lock: a running job is not copied half-written, and a pull does not write under a run.
    private async Task<string> CopyLockedAsync(JobId jobId, string jobsDirectory, bool push, JobSyncCopy copier, List<string> ignored, CancellationToken cancellationToken)
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
