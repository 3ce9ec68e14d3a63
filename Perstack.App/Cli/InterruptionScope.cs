using System.Runtime.InteropServices;

namespace Perstack.App.Cli;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a cancellation the run observes, instead of killing the process mid-write: the
/// runtime then stores a cancelled stop and exits with 130.
/// </summary>
internal sealed class InterruptionScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly List<PosixSignalRegistration> _registrations = [];

    public InterruptionScope(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _source.Cancel();
            }));
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
