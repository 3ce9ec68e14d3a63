using Perstack.App.Features.Run;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// Runs a selection in-process exactly as <c>perstack run</c> does (<see cref="LocalRunner"/>), with the TUI as the
/// event listener. The provider key is only needed here, when a run starts. A checkpoint waiting for an interactive
/// answer takes the query as that answer.
/// </summary>
internal sealed class TuiRunLauncher(RunDefaults defaults, RunPorts ports, Func<System.Collections.IDictionary> environment) : IRunLauncher
{
    public Task<Checkpoint> RunAsync(RunSelection selection, IRunEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var resume = selection.Resume;
        var continueOptions = new ContinueOptions(false, resume?.JobId.ToString(), resume?.CheckpointId?.ToString());
        var runDefaults = resume is null ? defaults : defaults with { JobId = null };
        return new LocalRunner(runDefaults, ports, environment).RunAsync(selection.ExpertKey, selection.Query, continueOptions, answer: null, sink, cancellationToken);
    }
}
