using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs prune --older-than &lt;duration&gt; | --keep &lt;N&gt;</c>.</summary>
internal static class JobsPruneCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment, TextReader? input)
    {
        var olderThan = JobFilterOptions.Time(
            "--older-than", "Delete jobs with no activity for this long (7d, 12h, 30m)", datesAllowed: false, TimeProvider.System);
        var keep = NumberOptions.Integer("--keep", "Keep the N newest jobs (of the selected statuses), delete the rest", "N", minimum: 0);
        var status = JobFilterOptions.Status("Only prune jobs with this status");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be deleted, delete nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking" };
        var command = new Command("prune", "Delete old jobs (asks first; running jobs are never pruned)") { olderThan, keep, status, dryRun, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cutoff = parse.GetValue(olderThan)?.ToUnixTimeMilliseconds();
            var keepCount = parse.GetValue(keep);
            if (cutoff is null && keepCount is null)
            {
                throw new PerstackException("Error: jobs prune needs --older-than <duration> or --keep <N>");
            }

            using var context = CliContext.ForHistory(parse, global, environment);
            var listing = await context.Get<IJobStore>().ListAsync(cancellationToken).ConfigureAwait(false);
            await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
            var locks = context.Get<IJobLocks>();
            var statuses = parse.GetValue(status);

            // Newest first: --keep counts from the top (running jobs count as kept); both options must agree to delete.
            var doomed = listing.Items
                .Where(j => JobFilterOptions.HasStatus(j, statuses, locks))
                .Skip(keepCount ?? 0)
                .Where(j => cutoff is null || j.LastActivityAt < cutoff)
                .Where(j => !locks.IsHeld(j.Id))
                .ToList();
            if (doomed.Count == 0)
            {
                await context.Error.WriteLineAsync("Nothing to prune.").ConfigureAwait(false);
                return 0;
            }

            var files = context.Get<IJobFiles>();
            long total = 0;
            foreach (var job in doomed)
            {
                long size = files.SizeOnDisk(job.Id);
                total += size;
                await context.Text.WriteLineAsync($"{HistoryRows.Job(job)}  {JobStatusText.Of(job, locks)}  {Confirmation.Size(size)}").ConfigureAwait(false);
            }

            var summary = $"{Confirmation.Jobs(doomed.Count)}, {Confirmation.Size(total)}";
            if (parse.GetValue(dryRun))
            {
                await context.Output.WriteLineAsync($"Would delete {summary} (dry run: nothing was deleted)").ConfigureAwait(false);
                return 0;
            }

            if (!parse.GetValue(yes)
                && !await Confirmation.AskAsync(input, context.Error, $"Delete {Confirmation.Jobs(doomed.Count)} ({Confirmation.Size(total)})?").ConfigureAwait(false))
            {
                return PerstackCli.Failure;
            }

            bool ok = await JobsDeleteCommand.DeleteAllAsync(context, [.. doomed.Select(j => j.Id)], cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return PerstackCli.Failure;
            }

            await context.Output.WriteLineAsync($"Freed {Confirmation.Size(total)}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
