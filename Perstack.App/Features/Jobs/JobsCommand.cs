using System.CommandLine;
using Perstack.App.Cli;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs</c>: the job history.</summary>
internal static class JobsCommand
{
    /// <summary>Builds the command group (no interactive input: destructive commands need <c>--yes</c>).</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment) => Create(global, environment, input: null);

    /// <summary>Builds the command group; <paramref name="input"/> answers confirmation prompts.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment, TextReader? input) =>
        new("jobs", "Browse and manage the job history")
        {
            JobsListCommand.Create(global, environment),
            JobsShowCommand.Create(global, environment),
            JobsDeleteCommand.Create(global, environment, input),
            JobsPruneCommand.Create(global, environment, input),
            JobsExportCommand.Create(global, environment),
            JobsImportCommand.Create(global, environment),
            JobsForkCommand.Create(global, environment),
            JobsTitleCommand.Create(global, environment),
            JobsSyncCommand.CreatePush(global, environment),
            JobsSyncCommand.CreatePull(global, environment),
        };
}
