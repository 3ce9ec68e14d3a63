using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>Starts a selected run in-process.</summary>
internal interface IRunLauncher
{
    /// <summary>
    /// Runs until the job stops and returns the final checkpoint. Throws a <see cref="PerstackException"/> for
    /// setup errors (no API key, unknown expert…) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<Checkpoint> RunAsync(RunSelection selection, IRunEventSink sink, CancellationToken cancellationToken);
}
