using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;

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
            return await context.RunAsync<JobsPruneHandler>(handler => handler.RunAsync(
                context, cutoff, keepCount, parse.GetValue(status), parse.GetValue(dryRun), parse.GetValue(yes), input, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
