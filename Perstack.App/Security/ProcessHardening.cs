using System.Runtime.InteropServices;
using System.Text;
using Perstack.Core.Secrets;

namespace Perstack.App.Security;

/// <summary>
/// Keeps perstack's own secrets from the processes it starts (exec commands, MCP servers), applied once at start:
/// <list type="number">
/// <item>The environment is captured (<see cref="StartupEnvironment"/>) and the provider keys
/// (<see cref="ProviderKeys"/>) are removed from the process environment, so no child inherits them, whatever starts it.</item>
/// <item>On Linux their bytes are erased from the process's initial environment block, which is what
/// <c>/proc/&lt;pid&gt;/environ</c> shows to anyone allowed to read it (root included): the block is located with
/// <c>/proc/self/stat</c> (<c>env_start</c>/<c>env_end</c>), checked against <c>/proc/self/environ</c>, and written
/// through <c>/proc/self/mem</c> (a process may always write its own memory there; a bad address is an I/O error,
/// not a crash). The managed environment was copied first, so .NET never reads the erased bytes.</item>
/// <item>On Linux the process makes itself non-dumpable (<c>prctl(PR_SET_DUMPABLE, 0)</c>): then
/// <c>/proc/&lt;pid&gt;/environ</c>, <c>mem</c> and <c>maps</c> can no longer be read by other processes of the same
/// user — a command run by <c>exec</c>, or an MCP server, cannot read the key from its parent — only by root
/// (<c>CAP_SYS_PTRACE</c>). The flag is not inherited: children are dumpable as usual. Its cost: no core dump of
/// perstack, and a debugger, <c>strace -p</c> or <c>dotnet-dump</c> can attach only as root.</item>
/// </list>
/// Each step is best effort: one the system refuses (no <c>/proc</c>, a hardened kernel) is skipped, never fatal.
/// </summary>
internal static partial class ProcessHardening
{
    private const int SetDumpable = 4; // PR_SET_DUMPABLE

    /// <summary>Applies everything above; returns the captured environment.</summary>
    public static StartupEnvironment Apply()
    {
        var startup = StartupEnvironment.Capture();
        var present = ProviderKeys.VariableNames.Where(name => startup.HasVariable(name)).ToList();
        foreach (var name in present)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        if (OperatingSystem.IsLinux())
        {
            EraseFromInitialEnvironment(present);
            MakeNotDumpable();
        }

        return startup;
    }

    /// <summary>Whether this process is non-dumpable (Linux; false elsewhere or when it cannot tell).</summary>
    public static bool IsNotDumpable()
    {
        try
        {
            return OperatingSystem.IsLinux() && Prctl(3 /* PR_GET_DUMPABLE */, 0, 0, 0, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static void MakeNotDumpable()
    {
        try
        {
            Prctl(SetDumpable, 0, 0, 0, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc/musl: nothing to do.
        }
    }

    /// <summary>Overwrites <c>NAME=value</c> of each variable in the initial environment block with NUL bytes.</summary>
    internal static void EraseFromInitialEnvironment(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long start = long.Parse(fields[47], System.Globalization.CultureInfo.InvariantCulture); // field 50: env_start
            long end = long.Parse(fields[48], System.Globalization.CultureInfo.InvariantCulture); // field 51: env_end
            var expected = File.ReadAllBytes("/proc/self/environ");
            using var memory = File.OpenHandle("/proc/self/mem", FileMode.Open, FileAccess.ReadWrite);
            var block = new byte[end - start];
            int read = RandomAccess.Read(memory, block, start);
            if (read != block.Length || !block.AsSpan().SequenceEqual(expected))
            {
                return; // not the block we think it is: touch nothing
            }

            foreach (var name in names)
            {
                var prefix = Encoding.UTF8.GetBytes(name + "=");
                for (int at = 0; at < block.Length; at = Array.IndexOf(block, (byte)0, at) is var nul and >= 0 ? nul + 1 : block.Length)
                {
                    if (block.AsSpan(at).StartsWith(prefix))
                    {
                        int stop = Array.IndexOf(block, (byte)0, at) is var terminator and >= 0 ? terminator : block.Length;
                        RandomAccess.Write(memory, new byte[stop - at], start + at);
                        block.AsSpan(at, stop - at).Clear();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            // No /proc, or a kernel that refuses writes to /proc/self/mem: the keys stay only where root can read them.
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
