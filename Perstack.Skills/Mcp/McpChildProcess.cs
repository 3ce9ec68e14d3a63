using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Perstack.Skills.Mcp;

/// <summary>
/// The child process of a stdio MCP server, started with exactly the environment of its <see cref="StdioLaunch"/>
/// (nothing inherited), its stderr read line by line, and stopped by killing its whole process tree — before anything
/// else, so a server that would exit on its own when its stdin closes cannot leave its children behind.
/// </summary>
internal sealed class McpChildProcess : IDisposable
{
    private const int StderrTailLines = 5;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();

    private McpChildProcess(Process process) => _process = process;

    /// <summary>Standard input of the server (the client writes here).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Standard output of the server (the client reads here).</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Process id.</summary>
    public int Id { get; private set; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts the process; <paramref name="onStderrLine"/> gets each stderr line (on a reader thread).</summary>
    /// <exception cref="Win32Exception">The program cannot be started (not found, not executable…).</exception>
    public static McpChildProcess Start(StdioLaunch launch, Action<string> onStderrLine)
    {
        var (command, args) = OperatingSystem.IsWindows() && !string.Equals(Path.GetFileName(launch.Command), "cmd.exe", StringComparison.OrdinalIgnoreCase)
            ? ("cmd.exe", (IEnumerable<string>)["/c", launch.Command, .. launch.Args]) // npx, uvx… are .cmd scripts there
            : (launch.Command, launch.Args);
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = launch.WorkingDirectory ?? Environment.CurrentDirectory,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Start from an empty environment: a secret of this process must never reach a server that did not ask for it.
        start.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new McpChildProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                child.RememberStderr(line);
                onStderrLine(line);
            }
        };
        try
        {
            process.Start();
            child.Id = process.Id;
            process.BeginErrorReadLine();
            return child;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Why the process is gone (exit code and last stderr lines, one line), once it has exited; null when it is still
    /// running after <paramref name="grace"/>.
    /// </summary>
    public async Task<string?> DescribeExitAsync(TimeSpan grace)
    {
        using (var wait = new CancellationTokenSource(grace))
        {
            try
            {
                // Also lets the last stderr lines arrive; bounded, so a grandchild holding the pipe open cannot hang it.
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                // Still running, or already disposed.
            }
        }

        if (!HasExited)
        {
            return null;
        }

        string code;
        try
        {
            code = _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            code = "unknown";
        }

        string tail;
        lock (_stderrTail)
        {
            tail = string.Join(" ", _stderrTail);
        }

        return tail.Length == 0 ? $"the server process exited with code {code}" : $"the server process exited with code {code}: {tail}";
    }

    /// <summary>Kills the whole process tree (if still running) and waits up to <paramref name="timeout"/> for the exit.</summary>
    public async Task KillTreeAsync(TimeSpan timeout)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited meanwhile, or not ours to kill any more.
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Gone already, or a stuck exit: nothing more can be done.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private void RememberStderr(string line)
    {
        lock (_stderrTail)
        {
            if (_stderrTail.Count == StderrTailLines)
            {
                _stderrTail.Dequeue();
            }

            _stderrTail.Enqueue(line);
        }
    }
}
