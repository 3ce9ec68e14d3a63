using System.Runtime.InteropServices;
using Perstack.Core.Domain;

namespace Perstack.App.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGHUP (the terminal went away) into a cancellation the run observes, instead of
/// killing the process mid-write: the runtime then stores a cancelled stop and the command exits with
/// <see cref="ExitCode"/> (128 + the signal's number, as a shell reports a process killed by it). A second signal
/// while the run is stopping is left to the default action, which ends the process at once: a way out if a stop ever
/// hangs (the job then shows as interrupted and can still be continued).
/// </summary>
internal sealed class InterruptionScope : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly CancellationTokenSource _source;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private PosixSignal? _signal;

    public InterruptionScope(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in Handled)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal => _signal;

    /// <summary>The exit code for the signal received (130 when cancelled otherwise, as for Ctrl+C).</summary>
    public int ExitCode => _signal switch
    {
        PosixSignal.SIGHUP => 129,
        PosixSignal.SIGTERM => 143,
        _ => 130,
    };

    /// <summary>The signal's name (<c>SIGINT</c>…); <c>cancellation</c> when the run was cancelled some other way.</summary>
    public string SignalName => _signal switch
    {
        PosixSignal.SIGHUP => "SIGHUP",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGINT => "SIGINT",
        _ => "cancellation",
    };

    /// <summary>The line printed after a run stopped by the signal: the job and the command that continues it.</summary>
    public string CancelledMessage(JobId jobId, string expertKey) =>
        $"Cancelled by {SignalName}: job {jobId} stopped; continue it with: perstack run {expertKey} \"<query>\" --continue-job {jobId}";

    /// <summary>Writes a line, ignoring a terminal that is gone (after SIGHUP stderr may fail with EIO).</summary>
    public static async Task TryWriteAsync(TextWriter error, string line)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Nobody is left to read it; the job's status says the same.
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    /// <summary>The terminal went away without a SIGHUP reaching us (or one ignored): stop as for SIGHUP.</summary>
    public void OnTerminalGone()
    {
        if (TryTake(PosixSignal.SIGHUP))
        {
            _source.Cancel();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!TryTake(context.Signal))
        {
            return; // the second one: default action
        }

        context.Cancel = true;
        _source.Cancel();
    }

    private bool TryTake(PosixSignal signal)
    {
        lock (_registrations)
        {
            if (_signal is not null)
            {
                return false;
            }

            _signal = signal;
            return true;
        }
    }
}
