using System.CommandLine;
using Perstack.App.Features.BaseSkillMcp;
using Perstack.App.Features.Jobs;
using Perstack.App.Features.Start;
using Perstack.Core.Domain;

namespace Perstack.App.Cli;

/// <summary>The <c>perstack</c> command line: parse, report usage errors on one line, run, map errors to exit codes.</summary>
internal static class PerstackCli
{
    /// <summary>Exit code of a failed command.</summary>
    public const int Failure = 1;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildRoot(Func<string, string?> environment) => BuildRoot(environment, input: null);

    /// <summary>Builds the command tree; <paramref name="input"/> answers confirmation prompts (null: no interactive stdin).</summary>
    public static RootCommand BuildRoot(Func<string, string?> environment, TextReader? input)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("Perstack.NET: run Experts and browse their history")
        {
            global.StoragePath,
            global.Otel,
            JobsCommand.Create(global, environment, input),
            Features.Log.LogCommand.Create(global, environment),
            Features.Run.RunCommand.Create(global, environment),
            StartCommand.Create(global, environment),
            BaseSkillCommand.Create(environment),
            Features.Completion.CompletionCommand.Create(),
        };
        Features.Completion.CompletionWiring.Attach(root, new Features.Completion.HistoryCompletions(global, environment));
        return root;
    }

    /// <summary>
    /// Runs the command line and returns the exit code. Confirmation prompts read the console's stdin when it is
    /// a terminal; redirected stdin counts as no interactive input.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment) =>
        RunAsync(args, Console.IsInputRedirected ? null : Console.In, output, error, environment);

    /// <summary>
    /// Runs the command line and returns the exit code; <paramref name="input"/> answers confirmation prompts
    /// (null: there is no interactive stdin, so destructive commands need <c>--yes</c>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextReader? input, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // stderr is for people only: stored strings in messages and warnings never reach the terminal raw.
        error = Output.EscapingTextWriter.Wrap(error);
        var root = BuildRoot(environment, input);

        // Free-text arguments such as a query "@user hi" must not be read as response files.
        var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parse = root.Parse(args, configuration);
        if (parse.Errors.Count > 0 && UsageErrors.IsMissingSubcommand(parse))
        {
            // perstack, perstack jobs: the help of the group (exit 0), not an error.
            parse = root.Parse([.. args, "--help"], configuration);
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var line in UsageErrors.Lines(parse))
            {
                await error.WriteLineAsync(line).ConfigureAwait(false);
            }

            return Failure;
        }

        // Flushed when the command ends, however it ends (the run's own stop, an error, Ctrl+C).
        using var telemetry = Telemetry.TelemetrySession.StartIfRequested(parse.GetValue<bool>("--otel"), environment);
        try
        {
            // No ProcessTerminationTimeout: System.CommandLine would otherwise end the process 2 s after SIGINT/SIGTERM,
            // while the run still stores its cancelled stop. Commands that run handle signals (InterruptionScope).
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation)
                .ConfigureAwait(false);
        }
        catch (PerstackException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return Failure;
        }
        catch (Exception e) when (OpenFileLimit.IsExhaustion(e))
        {
            await error.WriteLineAsync(OpenFileLimit.ExhaustedMessage()).ConfigureAwait(false);
            return Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Error: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return Failure;
        }
        catch (Exception e) when (environment("PERSTACK_DEBUG") is null or "" or "0")
        {
            // A bug of ours: still one line, no stack trace; PERSTACK_DEBUG=1 shows it.
            await error.WriteLineAsync($"Internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")} (set PERSTACK_DEBUG=1 for details)").ConfigureAwait(false);
            return Failure;
        }
    }
}
