using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Perstack.Core.Secrets;

namespace Perstack.Skills.Mcp;

/// <summary>Settings of the external MCP skills (stdio child processes and HTTP servers) of a run.</summary>
public sealed record McpSkillOptions
{
    /// <summary>
    /// The run's merged environment (process environment + .env files). A stdio server gets only the variables its
    /// skill names in <c>requiredEnv</c>, read here, plus <see cref="SafeVariables"/> when they are set here.
    /// </summary>
    /// <value>The process environment (<see cref="System.Environment.GetEnvironmentVariable(string)"/>).</value>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>How long one tool call may take; past it the call ends as an error result the model sees.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long starting a server may take: spawn (or HTTP connect), MCP handshake and the first tool listing.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long disposing waits for a killed server process tree to exit.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// perstack.toml's <c>perstackBaseSkillCommand</c>: when set, <c>@perstack/base</c> declarations run as this
    /// external stdio command (first item the command, the rest its arguments) instead of in process.
    /// </summary>
    /// <value>null: the base skill runs in process (unless its declaration pins a version).</value>
    public IReadOnlyList<string>? BaseSkillCommand { get; init; }

    /// <summary>Working directory of stdio servers.</summary>
    /// <value>null: the base skill's workspace.</value>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Clock for event timestamps, durations and the <see cref="StartTimeout"/> deadline (the SDK's wait for an SSE
    /// endpoint, bounded by the same timeout, stays on the wall clock).
    /// </summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the MCP client logs (the SDK's own log lines and this skill's).</summary>
    /// <value>Nowhere.</value>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The folder keeping stdio servers' stderr, one file per run and skill (<c>&lt;jobId&gt;/&lt;runId&gt;/&lt;skill&gt;.log</c>);
    /// the user's state folder, never the history tree.
    /// </summary>
    /// <value>null: stderr is only shown (<c>--verbose</c>), not kept.</value>
    public string? StderrFolder { get; init; }

    /// <summary>The run's secrets, redacted from kept stderr lines.</summary>
    /// <value>None.</value>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <summary>The variables a stdio server gets from <see cref="Environment"/> without asking (when set there).</summary>
    public static IReadOnlyList<string> SafeVariables { get; } = OperatingSystem.IsWindows()
        ?
        [
            "PATH", "PATHEXT", "APPDATA", "LOCALAPPDATA", "HOMEDRIVE", "HOMEPATH", "USERPROFILE", "USERNAME", "PROCESSOR_ARCHITECTURE",
            "PROGRAMFILES", "SYSTEMDRIVE", "SYSTEMROOT", "TEMP", "TMP", "COMSPEC", "WINDIR",
        ]
        : ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "TMPDIR"];
}
