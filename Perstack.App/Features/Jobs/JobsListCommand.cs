using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs list</c>.</summary>
internal static class JobsListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of job objects" };
        var limit = NumberOptions.Integer("--limit", "Show at most N jobs (newest first)", "N", minimum: 1);
        var status = JobFilterOptions.Status("Only jobs with this status");
        var expert = new Option<string?>("--expert") { Description = "Only jobs started with this expert", HelpName = "key" };
        var since = JobFilterOptions.Time(
            "--since", "Only jobs active since then: a duration back from now (7d, 12h, 30m) or an ISO date", datesAllowed: true, TimeProvider.System);

        var command = new Command("list", "List jobs, newest first") { json, limit, status, expert, since };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = CliContext.ForHistory(parse, global, environment);
            var listing = await context.Get<IJobStore>().ListAsync(cancellationToken).ConfigureAwait(false);
            await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
            var locks = context.Get<IJobLocks>();
            var statuses = parse.GetValue(status);
            var expertKey = parse.GetValue(expert);
            var sinceMs = parse.GetValue(since)?.ToUnixTimeMilliseconds();
            var jobs = listing.Items
                .Where(j => expertKey is null || string.Equals(j.CoordinatorExpertKey, expertKey, StringComparison.Ordinal))
                .Where(j => sinceMs is null || j.LastActivityAt >= sinceMs)
                .Where(j => JobFilterOptions.HasStatus(j, statuses, locks))
                .Take(parse.GetValue(limit) ?? int.MaxValue)
                .ToList();
            if (parse.GetValue(json))
            {
                await JobListJson.WriteAsync(context.Output, jobs, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            foreach (var job in jobs)
            {
                var title = job.Title is { Length: > 0 } text ? $"  \"{text}\"" : "";
                await context.Text.WriteLineAsync($"{HistoryRows.Job(job)}  {JobStatusText.Of(job, locks)}{DerivedJobText.Marker(job)}{title}").ConfigureAwait(false);
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
