using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Perstack.Core.Domain;

namespace Perstack.App.Cli;

/// <summary>
/// The process's open-file limit (<c>RLIMIT_NOFILE</c>, <c>ulimit -n</c>). At start the soft limit is raised to the
/// hard one, as Go and many servers do (macOS starts processes at 256). A run checks it has room before it writes
/// anything: running out of descriptors half-way fails in places no handler reaches (the JIT's assembly loads, the
/// runtime's own allocations), so a limit too low for a run is refused at the start with one line, the job untouched.
/// P/Invoke by hand: no served library wraps getrlimit/setrlimit, and LibraryImport keeps it AOT-safe.
/// </summary>
internal static partial class OpenFileLimit
{
    /// <summary>
    /// Descriptors a run needs free beyond those open when it starts: assemblies the JIT still loads (two descriptors
    /// each), LLM connections, MCP children's pipes, store files. A JIT run peaks about 60 above its start.
    /// </summary>
    public const int RunHeadroom = 128;

    private const int EMFILE = 24;
    private const ulong MacOpenMax = 10240;

    /// <summary>The current soft limit, or null where it cannot be read (Windows).</summary>
    public static ulong? Current => TryGet(out var limit) ? limit.Current : null;

    /// <summary>Raises the soft limit to the hard limit (capped at OPEN_MAX on macOS); does nothing where unsupported.</summary>
    public static void RaiseSoftLimit()
    {
        if (!TryGet(out var limit) || limit.Current >= limit.Maximum)
        {
            return;
        }

        var target = OperatingSystem.IsMacOS() ? Math.Min(limit.Maximum, MacOpenMax) : limit.Maximum;
        if (target > limit.Current)
        {
            var raised = new Limit { Current = target, Maximum = limit.Maximum };
            _ = SetLimit(Resource, in raised); // best effort: the headroom check reports a limit that stays too low
        }
    }

    /// <summary>
    /// Throws the one-line <c>Too many open files</c> error when fewer than <see cref="RunHeadroom"/> descriptors are
    /// free under the soft limit.
    /// </summary>
    public static void EnsureRunHeadroom(string command)
    {
        if (!TryGet(out var limit) || CountOpen() is not { } open || limit.Current >= (ulong)(open + RunHeadroom))
        {
            return;
        }

        throw new PerstackException(
            $"Error: Too many open files: the open-file limit (ulimit -n) is {limit.Current} and {command} needs {open + RunHeadroom}; raise it, e.g. ulimit -n 1024");
    }

    /// <summary>
    /// Runs <see cref="IsExhaustion"/> and <see cref="ExhaustedMessage"/> once while descriptors are free: on the JIT
    /// their first call loads the assemblies they name (System.Net.Primitives for <see cref="SocketException"/>), which
    /// fails once none is left, and a failing exception filter counts as false, so the one line would never print.
    /// </summary>
    public static void Prepare() => _ = IsExhaustion(new IOException()) || ExhaustedMessage().Length == 0;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is the process running out of file descriptors.</summary>
    public static bool IsExhaustion(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            bool exhausted = e switch
            {
                SocketException socket => socket.SocketErrorCode == SocketError.TooManyOpenSockets,
                Win32Exception win32 => win32.NativeErrorCode == EMFILE,
                // The JIT reports an assembly it cannot open as not found; under a low limit that means no descriptor was left.
                FileNotFoundException or FileLoadException when IsAssembly(e) => Current is <= 2 * RunHeadroom,
                IOException io => io.HResult == EMFILE,
                AggregateException aggregate => aggregate.InnerExceptions.Any(IsExhaustion),
                _ => false,
            } || e.Message.Contains("Too many open files", StringComparison.Ordinal); // strerror(EMFILE), whatever wraps it
            if (exhausted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one line printed when descriptors ran out during a command.</summary>
    public static string ExhaustedMessage() =>
        $"Error: Too many open files (the open-file limit, ulimit -n, is {(Current is { } current ? current.ToString(System.Globalization.CultureInfo.InvariantCulture) : "low")}); raise it, e.g. ulimit -n 1024";

    private static bool IsAssembly(Exception e) =>
        (e as FileNotFoundException)?.FileName is { } name ? name.Contains("PublicKeyToken=", StringComparison.Ordinal)
        : (e as FileLoadException)?.FileName?.Contains("PublicKeyToken=", StringComparison.Ordinal) == true;

    private static int Resource => OperatingSystem.IsMacOS() ? 8 : 7;

    private static bool TryGet(out Limit limit)
    {
        limit = default;
        return (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && GetLimit(Resource, out limit) == 0;
    }

    private static int? CountOpen()
    {
        var folder = OperatingSystem.IsLinux() ? "/proc/self/fd" : "/dev/fd";
        try
        {
            return Directory.EnumerateFileSystemEntries(folder).Count() - 1; // the listing's own descriptor
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out Limit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in Limit limit);

    /// <summary><c>struct rlimit</c>: two 64-bit <c>rlim_t</c> on Linux and macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Limit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
