using System.CommandLine;
using Perstack.App.Cli;

namespace Perstack.App.Features.Run;

/// <summary><c>perstack run &lt;expertKey&gt; &lt;query&gt;</c>: run an expert headless, one JSON event per stdout line.</summary>
internal static class RunCommand
{
    /// <summary>What the built-in exec tool can do, said where a user decides to run an expert (run and start help).</summary>
    public const string ExecNotice =
        "Note: the built-in exec tool runs any command as you, outside the workspace too; only the file tools are confined to it (docs/security.md)";

    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var options = new RunOptions();
        var command = new Command("run", "Run an expert headless; prints one JSON event per line on stdout. " + ExecNotice);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            OpenFileLimit.EnsureRunHeadroom("perstack run");
            using var context = CliContext.Create(parse, global, environment);
            using var interruption = new InterruptionScope(cancellationToken);
            return await context.RunAsync<RunHandler>(handler => handler.RunAsync(context, options, parse, interruption)).ConfigureAwait(false);
        });
        return command;
    }
}
