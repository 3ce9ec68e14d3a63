using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Run;

namespace Perstack.App.Features.Start;

/// <summary><c>perstack start [expertKey] [query] [run options]</c>: the full-screen workbench.</summary>
internal static class StartCommand
{
    /// <summary>Printed (exit 1) when stdin or stdout is not a terminal, instead of hanging.</summary>
    public const string NeedsTerminal = "perstack start needs an interactive terminal; use perstack run";

    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var options = new RunOptions();
        options.ExpertKey.Arity = ArgumentArity.ZeroOrOne;
        options.Query.Arity = ArgumentArity.ZeroOrOne;
        var command = new Command("start", "Open the workbench: browse jobs, checkpoints and events, then run an expert. " + RunCommand.ExecNotice);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Without an expert the workbench opens on the history, so a named folder that is missing is a typo to
            // report (as `jobs list` does), not an empty history; with one it starts a run, which creates the store
            // as `perstack run` does. Checked before the terminal so the typo is what is reported.
            using var context = parse.GetValue(options.ExpertKey) is null
                ? CliContext.ForHistory(parse, global, environment)
                : CliContext.Create(parse, global, environment);
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(NeedsTerminal).ConfigureAwait(false);
                return PerstackCli.Failure;
            }

            OpenFileLimit.EnsureRunHeadroom("perstack start");
            return await context.RunAsync<StartHandler>(handler => handler.RunAsync(context, options, parse, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
