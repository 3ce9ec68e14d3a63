using Perstack.App.Features.Run;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// Runs a selection in-process exactly as <c>perstack run</c> does (<see cref="RunService"/>), with the TUI as the
/// event listener. The provider key is only needed here, when a run starts. A checkpoint waiting for an interactive
/// answer takes the query as that answer.
/// </summary>
internal sealed class TuiRunLauncher(RunService runs, RunOverrides flags) : IRunLauncher
{
    public async Task<Checkpoint> RunAsync(RunSelection selection, IRunEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        // The resolver reads the chosen checkpoint again when the run starts: the job may have been locked, forked
        // or deleted since the browser (or the continue flags) showed it.
        var run = selection.Resume is { } resume ? flags with { Continue = resume.ToStartPoint(), JobId = null } : flags with { Continue = null };
        var outcome = await runs.RunAsync(run, selection.ExpertKey, selection.Query, answer: null, sink, cancellationToken).ConfigureAwait(false);
        return outcome.Final;
    }
}
