using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Perstack.TestKit.Processes;

/// <summary>
/// The real <c>perstack</c> in a pseudo-terminal (util-linux <c>script</c>, 120×40, TERM=xterm-256color), as a user runs
/// the workbench; signals go to the perstack process itself.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private readonly Process _script;
    private readonly string _pidFile;
    private readonly StringBuilder _screen = new();
    private readonly Task _reader;

    private TerminalSession(Process script, string pidFile)
    {
        _script = script;
        _pidFile = pidFile;
        _reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await _script.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_screen)
                {
                    _screen.Append(buffer, 0, read);
                }
            }
        });
    }

    public static TerminalSession Start(RunWorkspace workspace, params string[] args) => Start(workspace, ignoreHangup: false, args);

    /// <summary>Ignores the test where there is no pseudo-terminal to be had (util-linux <c>script</c> on Linux).</summary>
    public static void RequireOrIgnore()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            NUnit.Framework.Assert.Ignore("needs util-linux script for a pseudo-terminal");
        }
    }

    /// <summary>Starts perstack; with <paramref name="ignoreHangup"/> it inherits SIGHUP ignored (as under nohup).</summary>
    public static TerminalSession Start(RunWorkspace workspace, bool ignoreHangup, params string[] args) => StartWith(workspace, ignoreHangup, nativeBinary: null, args);

    /// <summary>
    /// Starts the Native AOT <paramref name="nativeBinary"/> when given, else perstack.dll. A name of its own: as an
    /// overload of <c>Start</c>, a call's first argument string bound to the binary.
    /// </summary>
    public static TerminalSession StartWith(RunWorkspace workspace, bool ignoreHangup, string? nativeBinary, params string[] args)
    {
        var start = nativeBinary is null
            ? PerstackProcess.StartInfo(workspace.Directory, workspace.Environment, args)
            : PerstackProcess.NativeStartInfo(nativeBinary, workspace.Directory, workspace.Environment, args);
        var command = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(Quote));
        var pidFile = Path.Combine(workspace.Directory, ".tui.pid");
        start.FileName = "script";
        start.ArgumentList.Clear();
        foreach (var arg in new[] { "-qfec", $"stty cols 120 rows 40; {(ignoreHangup ? "trap '' HUP; " : "")}echo $$ > {Quote(pidFile)}; exec {command}", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        return new TerminalSession(ChildProcess.Start(start), pidFile);
    }

    /// <summary>Types <paramref name="keys"/> at the terminal, as a user does (script passes them to the pseudo-terminal).</summary>
    public async Task TypeAsync(string keys)
    {
        await _script.StandardInput.WriteAsync(keys);
        await _script.StandardInput.FlushAsync();
    }

    /// <summary>Waits until the terminal has been sent <paramref name="text"/> since <paramref name="from"/> (an
    /// <see cref="OutputLength"/>); false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, int from = 0)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(20))
        {
            lock (_screen)
            {
                if (_screen.ToString(from, _screen.Length - from).Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>How much the terminal has been sent so far (for <see cref="WaitForOutputAsync"/>).</summary>
    public int OutputLength
    {
        get
        {
            lock (_screen)
            {
                return _screen.Length;
            }
        }
    }

    /// <summary>Perstack's exit code once it has ended by itself, or null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _script.WaitForExitAsync(cancel.Token);
            return _script.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends <c>SIG<paramref name="signal"/></c> to perstack; returns its exit code, everything the terminal showed and the time to exit.</summary>
    public async Task<(int ExitCode, string Screen, TimeSpan StopTime)> SignalAsync(string signal, TimeSpan timeout)
    {
        var pid = (await File.ReadAllTextAsync(_pidFile)).Trim();
        var clock = Stopwatch.StartNew();
        using (var kill = ChildProcess.Start("kill", [$"-{signal}", pid]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _script.WaitForExitAsync(cancel.Token);
        var stopTime = clock.Elapsed;
        await _reader;
        lock (_screen)
        {
            return (_script.ExitCode, _screen.ToString(), stopTime);
        }
    }

    /// <summary>
    /// Closes the terminal under perstack, as a killed tmux server or a closed window does: the pseudo-terminal's
    /// owner dies at once (SIGKILL), so its master side closes. Returns the time perstack took to end, or null when it
    /// was still alive after <paramref name="timeout"/> (it is then killed).
    /// </summary>
    public async Task<TimeSpan?> CloseTerminalAsync(TimeSpan timeout)
    {
        int pid = await PidAsync();
        var clock = Stopwatch.StartNew();
        _script.Kill();
        while (clock.Elapsed < timeout)
        {
            if (!IsAlive(pid))
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        // Never leave it behind, spinning.
        using (var kill = ChildProcess.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return null;
    }

    /// <summary>Whether the process runs (a zombie nobody reaped has ended).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>perstack's process id.</summary>
    public async Task<int> PidAsync() => int.Parse(await File.ReadAllTextAsync(_pidFile), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
            _script.WaitForExit();
        }

        _script.Dispose();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
