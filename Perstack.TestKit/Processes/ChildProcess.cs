using System.Diagnostics;

namespace Perstack.TestKit.Processes;

/// <summary>
/// The one way tests start a child process. Every child runs with <c>DOTNET_EnableDiagnostics=0</c>: a .NET process
/// otherwise opens a diagnostics socket in <c>$TMPDIR</c>, and one the tests kill (or whose server the MCP client
/// kills) leaves that socket behind for good, hundreds per run.
/// </summary>
internal static class ChildProcess
{
    /// <summary>The runtime switch that turns the diagnostics IPC (and its socket) off.</summary>
    public const string DiagnosticsVariable = "DOTNET_EnableDiagnostics";

    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet { get; } = FindDotnet();

    /// <summary>
    /// A command that runs <see cref="Dotnet"/> with diagnostics off (a shell script that sets the variable and execs
    /// the host, so the process id stays the host's). For children the product starts itself: an MCP stdio server gets
    /// only the variables its skill asks for, so the variable cannot reach it through the environment.
    /// </summary>
    public static string DotnetWithoutDiagnostics => Wrapper.Value;

    private static readonly Lazy<string> Wrapper = new(WriteWrapper);

    /// <summary>Starts <paramref name="start"/> with diagnostics off.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Environment[DiagnosticsVariable] = "0";
        if (InterruptIgnored.Value)
        {
            WithDefaultInterrupt(start);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started");
    }

    /// <summary>
    /// Whether this process ignores SIGINT. A shell without job control starts background commands that way
    /// (<c>nohup … &amp;</c>, <c>(cmd &amp;)</c>), every child inherits it, and a .NET program keeps an inherited
    /// ignore — so a test's Ctrl+C would never reach <c>perstack</c>. Children then start as from a terminal.
    /// </summary>
    private static readonly Lazy<bool> InterruptIgnored = new(() =>
    {
        const ulong sigint = 1UL << (2 - 1);
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null
                && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
                && (mask & sigint) != 0
                && File.Exists("/usr/bin/env");
        }
        catch (IOException)
        {
            return false; // not Linux: no /proc
        }
    });

    /// <summary>Runs the command through <c>env --default-signal=INT</c>, which restores SIGINT's default and execs it (same pid).</summary>
    private static void WithDefaultInterrupt(ProcessStartInfo start)
    {
        var command = start.FileName;
        start.FileName = "/usr/bin/env";
        if (start.ArgumentList.Count > 0 || string.IsNullOrEmpty(start.Arguments))
        {
            start.ArgumentList.Insert(0, command);
            start.ArgumentList.Insert(0, "--default-signal=INT");
        }
        else
        {
            start.Arguments = $"--default-signal=INT \"{command}\" {start.Arguments}";
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, nothing redirected.</summary>
    public static Process Start(string fileName, params IEnumerable<string> arguments) =>
        Start(new ProcessStartInfo(fileName, arguments) { UseShellExecute = false });

    private static string FindDotnet()
    {
        // Set by the dotnet CLI for the processes it starts (dotnet test included).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string WriteWrapper()
    {
        if (OperatingSystem.IsWindows())
        {
            return Dotnet;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "dotnet-without-diagnostics");
        var script = $"#!/bin/sh\nexport {DiagnosticsVariable}=0\nexec '{Dotnet.Replace("'", "'\\''", StringComparison.Ordinal)}' \"$@\"\n";
        if (!File.Exists(path) || File.ReadAllText(path) != script)
        {
            // Written beside and renamed: another test process may be running the script right now.
            var temp = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, script);
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }
}
