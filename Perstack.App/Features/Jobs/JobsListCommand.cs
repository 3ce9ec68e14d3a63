using System.CommandLine;
using Perstack.App.Cli;

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

        var refresh = new Option<bool>("--refresh")
        {
            Description = "On a bucket, list its jobs themselves, not its jobs index, and update the index (shows jobs other tools wrote)",
        };

        var command = new Command("list", "List jobs, newest first") { json, limit, status, expert, since, refresh };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobsListHandler>(handler => handler.RunAsync(
                context, parse.GetValue(json), parse.GetValue(limit), parse.GetValue(status), parse.GetValue(expert),
                parse.GetValue(since)?.ToUnixTimeMilliseconds(), parse.GetValue(refresh), cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
