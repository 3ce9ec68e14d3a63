using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs delete &lt;jobId&gt;...</c>.</summary>
internal static class JobsDeleteCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment, TextReader? input)
    {
        var jobIdsArgument = IdSymbols.JobIdsArgument("jobId", "The jobs to delete", bareError: true);
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking" };
        var command = new Command("delete", "Delete jobs and all their files (asks first)") { jobIdsArgument, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every id was checked while parsing, before any path is built.
            var jobIds = (parse.GetValue(jobIdsArgument) ?? []).Distinct().ToList();
            using var context = CliContext.ForHistory(parse, global, environment);
            var files = context.Get<IJobFiles>();
            var locks = context.Get<IJobLocks>();

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
            if (!parse.GetValue(yes)
                && !await Confirmation.AskAsync(input, context.Error, $"Delete {Confirmation.Jobs(doomed.Count)} ({Confirmation.Size(bytes)})?").ConfigureAwait(false))
            {
                return PerstackCli.Failure;
            }

            failed |= !await DeleteAllAsync(context, doomed, cancellationToken).ConfigureAwait(false);
            return failed ? PerstackCli.Failure : 0;
        });
        return command;
    }

    /// <summary>Deletes each job (its lock is taken, so a job that started meanwhile is refused); false if any failed.</summary>
    public static async Task<bool> DeleteAllAsync(CliContext context, IReadOnlyList<JobId> jobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(jobIds);
        var store = context.Get<IJobStore>();
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
