using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Blocks a thread until a descriptor (the terminal's stdin) has something to read, or until <see cref="Release"/>:
/// poll(2) on the descriptor and on a pipe of its own that <see cref="Release"/> writes to, so a waiting thread wakes at
/// once when the workbench closes instead of when its timeout ends.
/// The pipe is .NET's anonymous pipe (close-on-exec: the runs' child processes do not inherit it).
/// </summary>
internal sealed class InputWait : IDisposable
{
    private const int Interrupted = 4; // EINTR

    private readonly int _fd;
    private readonly AnonymousPipeServerStream _wake;
    private readonly int _wakeRead;
    private volatile bool _released;
    private bool _disposed;

    private InputWait(int fd, AnonymousPipeServerStream wake)
    {
        _fd = fd;
        _wake = wake;
        _wakeRead = (int)wake.ClientSafePipeHandle.DangerousGetHandle();
    }

    /// <summary>A wait on <paramref name="fd"/>, or null where there is no poll(2) (Windows).</summary>
    public static InputWait? Create(int fd) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? new InputWait(fd, new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None)) : null;

    /// <summary>
    /// Waits until the descriptor is readable, hung up or in error (true: the caller's read tells which), or
    /// <paramref name="timeout"/> passes, or the wait is released (false, at once from then on).
    /// </summary>
    public bool WaitReadable(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<Poll.Descriptor> fds = [new() { Fd = _fd, Events = Poll.In }, new() { Fd = _wakeRead, Events = Poll.In }];
        int timeoutMs = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        while (!_released)
        {
            int ready = Poll.Wait(ref MemoryMarshal.GetReference(fds), (nuint)fds.Length, timeoutMs);
            if (ready >= 0)
            {
                return !_released && ready > 0 && fds[0].Revents != 0;
            }

            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether <see cref="Release"/> (or <see cref="Dispose"/>) was called.</summary>
    public bool IsReleased => _released;

    /// <summary>Wakes a waiting thread and makes every later wait return at once: the input loop is about to stop.</summary>
    public void Release()
    {
        lock (_wake)
        {
            if (_released || _disposed)
            {
                return;
            }

            _released = true;
            _wake.WriteByte(1);
        }
    }

    /// <summary>Closes the pipe; only once no thread waits any more (the input thread disposes its own wait).</summary>
    public void Dispose()
    {
        lock (_wake)
        {
            if (_disposed)
            {
                return;
            }

            _released = true;
            _disposed = true;
            _wake.Dispose();
        }
    }
}
