using System.CommandLine;
using System.Text.Json;
using Perstack.App.Output;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.App.Cli.Jobs;

/// <summary><c>perstack jobs list</c>.</summary>
internal static class JobsListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of job objects" };
        var limit = NumberOptions.Integer("--limit", "Show at most N jobs (newest first)", "N", minimum: 1);

        var command = new Command("list", "List jobs, newest first") { json, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = CliContext.Create(parse, global, environment);
            var listing = await context.Get<IJobStore>().ListAsync(cancellationToken).ConfigureAwait(false);
            await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
            var jobs = listing.Items.Take(parse.GetValue(limit) ?? int.MaxValue).ToList();
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(jobs, PerstackJson.JobListIndented)).ConfigureAwait(false);
                return 0;
            }

            var locks = context.Get<IJobLocks>();
            foreach (var job in jobs)
            {
                await context.Output.WriteLineAsync($"{HistoryRows.Job(job)}  {JobStatusText.Of(job, locks)}").ConfigureAwait(false);
            }

            if (jobs.Count == 0)
            {
                await context.Error.WriteLineAsync("No jobs found.").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
