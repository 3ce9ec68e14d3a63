using System.Runtime.InteropServices;
using Perstack.App.Tui.Driver;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// Notices the workbench's terminal going away (its window closed, the tmux server killed, an ssh link dropped) even
/// when no SIGHUP arrives or it is ignored: the terminal library's input loop then reads end-of-file forever and spun
/// at half a core for hours. A background thread polls stdin and stdout for a hang-up; on one it calls
/// <c>onHangup</c> once (the workbench stops like on SIGHUP, recording a run in progress), and if the process is
/// still alive after <see cref="Grace"/> it exits with <c>exitCode</c>: nobody is left to see it, and a job a stop
/// could not record shows as interrupted and can still be continued.
/// </summary>
internal sealed class TerminalHangupWatch : IDisposable
{
    /// <summary>How long a stop after the hang-up may take before the process ends anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private const short Gone = Poll.HangUp | Poll.Error | Poll.Invalid;
    private const int PollIntervalMs = 250;

    private readonly Action _onHangup;
    private readonly int _exitCode;
    private volatile bool _disposed;

    private TerminalHangupWatch(Action onHangup, int exitCode)
    {
        _onHangup = onHangup;
        _exitCode = exitCode;
    }

    /// <summary>Starts watching (on Linux and macOS; elsewhere nothing is watched).</summary>
    public static TerminalHangupWatch Start(Action onHangup, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(onHangup);
        var watch = new TerminalHangupWatch(onHangup, exitCode);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            new Thread(watch.Watch) { IsBackground = true, Name = "terminal hang-up watch" }.Start();
        }

        return watch;
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    /// <summary>Whether stdin or stdout reports a hang-up (a closed or revoked terminal).</summary>
    public static bool IsHungUp()
    {
        // Events 0: hang-ups and errors are reported whatever is asked.
        Span<Poll.Descriptor> fds = [new() { Fd = 0 }, new() { Fd = 1 }];
        int ready = Poll.Wait(ref MemoryMarshal.GetReference(fds), (nuint)fds.Length, 0);
        return ready > 0 && ((fds[0].Revents | fds[1].Revents) & Gone) != 0;
    }

    private void Watch()
    {
        while (!_disposed)
        {
            if (IsHungUp())
            {
                _onHangup();
                Thread.Sleep(Grace);
                if (!_disposed)
                {
                    Environment.Exit(_exitCode);
                }

                return;
            }

            Thread.Sleep(PollIntervalMs);
        }
    }
}
