using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Run;
using Perstack.App.Tui.Driver;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Start;

/// <summary>Opens the workbench for <c>perstack start</c>'s arguments and flags.</summary>
internal sealed class StartHandler(ContinueResolver resolver, WorkbenchServicesFactory workbench)
{
    public async Task<int> RunAsync(CliContext context, RunOptions options, ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        TerminalGuiConfiguration.StartApplying();
        var expertKey = parse.GetValue(options.ExpertKey);
        var query = parse.GetValue(options.Query);
        var flags = options.ToOverrides(parse, Environment.CurrentDirectory);
        ResumePoint? resume = null;
        if (flags.Continue is { } start)
        {
            if (expertKey is null)
            {
                throw new PerstackException("Expert key is required with --continue, --continue-job or --resume-from");
            }

            // Resolved here for the first screen (its step, whether it waits for an answer); the launch resolves the
            // typed ids once more, on purpose: the job may be locked or gone by the time the user presses Enter.
            var checkpoint = await resolver.ResolveAsync(start, expertKey, cancellationToken).ConfigureAwait(false);
            resume = checkpoint is null ? null : new ResumePoint(checkpoint.JobId, checkpoint.Id, checkpoint.StepNumber, checkpoint.Status == CheckpointStatus.StoppedByInteractiveTool);
        }

        using var interruption = new InterruptionScope(cancellationToken);
        using var hangup = TerminalHangupWatch.Start(interruption.OnTerminalGone, exitCode: 129);
        var intent = new StartIntent(expertKey, query, resume);
        var cancelled = TuiHost.Run(workbench.Create(flags, readHistoryEarly: intent.OpensHistory), intent, interruption.Token);
        if (interruption.Signal is null)
        {
            return 0;
        }

        if (cancelled is { } run)
        {
            await InterruptionScope.TryWriteAsync(context.Error, interruption.CancelledMessage(run.JobId, run.ExpertKey)).ConfigureAwait(false);
        }

        return interruption.ExitCode;
    }
}
