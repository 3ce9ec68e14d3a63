using Perstack.Core.Domain;

namespace Perstack.Core.Runs;

/// <summary>
/// A run stopped by its cancellation token (Ctrl+C, a signal, the TUI's quit). Says which job had started, so the
/// caller can name it; it is still an <see cref="OperationCanceledException"/> for callers that only need that.
/// </summary>
public sealed class RunCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public RunCancelledException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps the cancellation of a run.</summary>
    /// <param name="startedJob">The job of the run's first event; null when the run was cancelled before any.</param>
    /// <param name="cancelled">The cancellation.</param>
    public RunCancelledException(JobId? startedJob, OperationCanceledException cancelled)
        : base(cancelled?.Message, cancelled, cancelled?.CancellationToken ?? default)
    {
        StartedJob = startedJob;
    }

    /// <summary>The job of the run's first event (a run's first event is <c>initializeRuntime</c>); null before any event.</summary>
    public JobId? StartedJob { get; }
}
