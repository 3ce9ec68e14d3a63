using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Run;
using Perstack.App.Security;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Shell;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Runtime;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

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
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(NeedsTerminal).ConfigureAwait(false);
                return PerstackCli.Failure;
            }

            OpenFileLimit.EnsureRunHeadroom("perstack start");
            var continueOptions = new ContinueOptions(parse.GetValue(options.Continue), parse.GetValue(options.ContinueJob), parse.GetValue(options.ResumeFrom));
            ContinueResolver.ValidateFlags(continueOptions);
            var expertKey = parse.GetValue(options.ExpertKey);
            var query = parse.GetValue(options.Query);
            using var context = CliContext.Create(parse, global, environment);
            ResumePoint? resume = null;
            if (continueOptions.Any)
            {
                if (expertKey is null)
                {
                    throw new PerstackException("Expert key is required with --continue, --continue-job or --resume-from");
                }

                var checkpoint = await new ContinueResolver(context.Get<IJobStore>(), context.Get<ICheckpointStore>(), context.Get<IJobLocks>())
                    .ResolveAsync(continueOptions, expertKey, cancellationToken).ConfigureAwait(false);
                resume = checkpoint is null ? null : new ResumePoint(checkpoint.JobId, checkpoint.Id, checkpoint.StepNumber, checkpoint.Status == CheckpointStatus.StoppedByInteractiveTool);
            }

            var workingDirectory = Environment.CurrentDirectory;
            var configPath = parse.GetValue(options.Config);
            var defaults = options.ToDefaults(parse, workingDirectory);
            var services = new WorkbenchServices
            {
                Jobs = context.Get<IJobStore>(),
                Checkpoints = context.Get<ICheckpointStore>(),
                Events = context.Get<IEventStore>(),
                Locks = context.Get<IJobLocks>(),
                RunSettings = context.Get<IRunSettingStore>(),
                ConfiguredExperts = () => ConfigFileLocator.Load(workingDirectory, configPath).Experts.Select(e => e.Key).ToList(),
                JobsDirectory = context.Get<StorageLayout>().JobsDirectory,
                Launcher = new TuiRunLauncher(defaults, context.RunPorts(), StartupEnvironment.Variables),
            };
            using var interruption = new InterruptionScope(cancellationToken);
            using var hangup = TerminalHangupWatch.Start(interruption.OnTerminalGone, exitCode: 129);
            var cancelled = TuiHost.Run(services, new StartIntent(expertKey, query, resume), interruption.Token);
            if (interruption.Signal is null)
            {
                return 0;
            }

            if (cancelled is { } run)
            {
                await InterruptionScope.TryWriteAsync(context.Error, interruption.CancelledMessage(run.JobId, run.ExpertKey)).ConfigureAwait(false);
            }

            return interruption.ExitCode;
        });
        return command;
    }
}
