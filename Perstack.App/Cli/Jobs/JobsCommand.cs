using System.CommandLine;

namespace Perstack.App.Cli.Jobs;

/// <summary><c>perstack jobs</c>: the job history.</summary>
internal static class JobsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment) =>
        new("jobs", "Browse the job history")
        {
            JobsListCommand.Create(global, environment),
            JobsShowCommand.Create(global, environment),
        };
}
