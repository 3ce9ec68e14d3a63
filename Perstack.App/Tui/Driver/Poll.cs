using System.Runtime.InteropServices;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// poll(2) on the terminal's descriptors (Linux and macOS). P/Invoke by hand: no served library exposes it on a
/// descriptor, and LibraryImport keeps it AOT-safe.
/// </summary>
internal static partial class Poll
{
    /// <summary>Data to read.</summary>
    public const short In = 0x01;

    /// <summary>An error on the descriptor (always reported).</summary>
    public const short Error = 0x08;

    /// <summary>The other side hung up (always reported).</summary>
    public const short HangUp = 0x10;

    /// <summary>Not an open descriptor (always reported).</summary>
    public const short Invalid = 0x20;

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: forever) for an event on one of <paramref name="count"/> descriptors.</summary>
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Wait(ref Descriptor fds, nuint count, int timeoutMs);

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Descriptor
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
