using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary>
/// <c>exec</c>: runs a program directly (no shell) in a folder of the workspace, with a minimal environment, a timeout
/// that kills the whole process tree, and a cap on the output read.
/// Failures keep the reference's shape <c>{"error":&lt;message&gt;,"stdout"?,"stderr"?}</c> (plus <c>exitCode</c> when the
/// command ran and failed).
/// </summary>
internal sealed class ExecTool(BaseSkillContext context) : BaseTool(context, "exec", Description, Schema)
{
    // After the command exits, how long to wait for its output pipes to close (a background child may keep them open).
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    private const string Description = """
        Command executor for running programs and scripts.

        Use cases:
        - Running build commands, test runners, linters or formatters
        - Running scripts (python, node, bash, …) and command-line tools
        - Inspecting the system (ls, git status, …)

        How it works:
        - Runs the command directly with the given arguments, WITHOUT a shell: pipes (|), redirections (>),
          globs (*) and "&&" are not interpreted; to use them run e.g. command "bash" with args ["-c", "…"]
        - Runs in the given working directory, which must be inside the workspace
        - The environment holds only PATH, HOME, SHELL, TERM, LANG (and proxy settings) plus the variables you
          give in env; PATH, HOME, SHELL, LD_*, DYLD_*, NODE_OPTIONS, PYTHONPATH and similar cannot be overridden
        - Standard input is empty
        - Returns stdout and/or stderr according to the flags, or the error with the output captured so far
        - The command is stopped (with all its child processes) when the timeout expires or its output exceeds 10MB

        Parameters:
        - command: the program to execute (e.g. ls, python3, npm)
        - args: arguments to pass to the program
        - env: extra environment variables ({} for none)
        - cwd: working directory ("." for the workspace root)
        - stdout: whether to return standard output
        - stderr: whether to return standard error
        - timeout: timeout in milliseconds (optional, default 60000)

        Rules:
        - Only execute commands you trust
        - Do not execute long-running foreground commands (e.g. tail -f, servers, watch modes)
        - Do not run interactive commands that wait for input
        - Be cautious with resource-intensive commands
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "command": { "type": "string", "description": "The command to execute" },
            "args": { "type": "array", "items": { "type": "string" }, "description": "The arguments to pass to the command" },
            "env": { "type": "object", "additionalProperties": { "type": "string" }, "description": "The environment variables to set" },
            "cwd": { "type": "string", "description": "The working directory to execute the command in" },
            "stdout": { "type": "boolean", "description": "Whether to capture the standard output" },
            "stderr": { "type": "boolean", "description": "Whether to capture the standard error" },
            "timeout": { "type": "number", "description": "Timeout in milliseconds (default: 60000)" }
          },
          "required": ["command", "args", "env", "cwd", "stdout", "stderr"],
          "additionalProperties": false
        }
        """;

    private enum StopReason
    {
        None,
        Timeout,
        StdoutOverflow,
        StderrOverflow,
        Cancelled,
    }

    public override async Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var command = arguments.RequiredString("command");
        var args = arguments.RequiredStringArray("args");
        var env = arguments.RequiredStringMap("env");
        var cwd = arguments.RequiredString("cwd");
        bool wantStdout = arguments.RequiredBool("stdout");
        bool wantStderr = arguments.RequiredBool("stderr");
        long timeoutMs = arguments.OptionalInteger("timeout") ?? (long)Context.Options.ExecDefaultTimeout.TotalMilliseconds;
        if (timeoutMs <= 0)
        {
            throw new ToolException("Invalid arguments for tool exec: \"timeout\" must be a positive number of milliseconds");
        }

        ProcessStartInfo start;
        try
        {
            start = CreateStartInfo(command, args, env, cwd);
        }
        catch (ToolException e)
        {
            return Failure(e.Message, null, null, null);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return Failure($"Failed to start {command}: {e.Message}", null, null, null);
        }

        return await RunAsync(process, command, args, timeoutMs, wantStdout, wantStderr, cancellationToken).ConfigureAwait(false);
    }

    private ProcessStartInfo CreateStartInfo(string command, IReadOnlyList<string> args, IReadOnlyList<KeyValuePair<string, string>> env, string cwd)
    {
        if (command.Length == 0)
        {
            throw new ToolException("The command is empty.");
        }

        var workingDirectory = Guard.Resolve(cwd);
        if (!Directory.Exists(workingDirectory))
        {
            throw new ToolException($"Working directory {cwd} does not exist or is not a directory.");
        }

        var environment = ExecEnvironment.Build(Context.Options.ParentEnvironment ?? Environment.GetEnvironmentVariable, env);
        var start = new ProcessStartInfo(ResolveCommand(command, workingDirectory, environment.GetValueOrDefault("PATH")))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// Where the program is, as a shell would find it: a path with a separator is relative to the working directory
    /// (not to this process's), a bare name is searched in the child's PATH. (Process.Start alone would look in this
    /// process's folders first.)
    /// </summary>
    private static string ResolveCommand(string command, string workingDirectory, string? path)
    {
        if (Path.IsPathRooted(command))
        {
            return command;
        }

        if (command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || command.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Path.GetFullPath(command, workingDirectory);
        }

        if (OperatingSystem.IsWindows())
        {
            return command; // PATHEXT rules: left to Process.Start.
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(directory, command);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & AnyExecute) != 0)
            {
                return candidate;
            }
        }

        throw new ToolException($"Command not found: {command}");
    }

    private async Task<IReadOnlyList<MessagePart>> RunAsync(
        Process process, string command, IReadOnlyList<string> args, long timeoutMs, bool wantStdout, bool wantStderr, CancellationToken cancellationToken)
    {
        int stopReason = (int)StopReason.None;
        void Stop(StopReason reason)
        {
            if (Interlocked.CompareExchange(ref stopReason, (int)reason, (int)StopReason.None) == (int)StopReason.None)
            {
                KillTree(process);
            }
        }

        // Nothing is ever written to the child: it sees end-of-file at once instead of waiting for input.
        process.StandardInput.Close();

        int limit = Context.Options.ExecOutputLimit;
        var stdout = new CappedOutputReader(process.StandardOutput, limit, () => Stop(StopReason.StdoutOverflow));
        var stderr = new CappedOutputReader(process.StandardError, limit, () => Stop(StopReason.StderrOverflow));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), Context.Options.TimeProvider))
        using (timeout.Token.Register(() => Stop(StopReason.Timeout)))
        using (cancellationToken.Register(() => Stop(StopReason.Cancelled)))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(stdout.Completion, stderr.Completion).WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A background process still holds the pipes: keep what was read.
        }

        string outText = stdout.Text;
        string errText = stderr.Text;
        switch ((StopReason)Volatile.Read(ref stopReason))
        {
            case StopReason.Cancelled:
                cancellationToken.ThrowIfCancellationRequested();
                break;
            case StopReason.Timeout:
                return FailureFor($"Command timed out after {timeoutMs}ms.", null);
            case StopReason.StdoutOverflow:
                return FailureFor($"stdout maxBuffer length exceeded (the limit is {limit} characters); the command was stopped.", null);
            case StopReason.StderrOverflow:
                return FailureFor($"stderr maxBuffer length exceeded (the limit is {limit} characters); the command was stopped.", null);
        }

        int exitCode = process.ExitCode;
        if (exitCode != 0)
        {
            var commandLine = string.Join(' ', [command, .. args]);
            return FailureFor(errText.Length > 0 ? $"Command failed: {commandLine}\n{errText}" : $"Command failed: {commandLine}", exitCode);
        }

        var output = (wantStdout ? outText : "") + (wantStderr ? errText : "");
        if (string.IsNullOrWhiteSpace(output))
        {
            output = "Command executed successfully, but produced no output.";
        }

        return ToolParts.Success(writer => writer.WriteString("output", output));

        IReadOnlyList<MessagePart> FailureFor(string message, int? code) =>
            Failure(message, wantStdout ? outText : null, wantStderr ? errText : null, code);
    }

    private static IReadOnlyList<MessagePart> Failure(string message, string? stdout, string? stderr, int? exitCode) =>
        [ToolParts.Text(ToolParts.JsonObject(writer =>
        {
            writer.WriteString("error", message);
            if (exitCode is { } code)
            {
                writer.WriteNumber("exitCode", code);
            }

            if (!string.IsNullOrEmpty(stdout))
            {
                writer.WriteString("stdout", stdout);
            }

            if (!string.IsNullOrEmpty(stderr))
            {
                writer.WriteString("stderr", stderr);
            }
        }))];

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }
}
