using System.CommandLine;
using Perstack.App.Cli;

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
            return await context.RunAsync<JobsDeleteHandler>(handler => handler.RunAsync(context, jobIds, parse.GetValue(yes), input, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
