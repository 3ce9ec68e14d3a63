namespace Perstack.Skills.Base;

/// <summary>Settings of the built-in base skill.</summary>
/// <param name="Workspace">The folder the file tools are confined to (it must exist); relative paths are resolved against it.</param>
public sealed record BaseSkillOptions(string Workspace)
{
    /// <summary>Default maximum run time of an <c>exec</c> call that gives no <c>timeout</c>.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan ExecDefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most characters an <c>exec</c> call may read from stdout or from stderr; past it the command is stopped.</summary>
    /// <value>10 MiB (10,485,760).</value>
    public int ExecOutputLimit { get; init; } = 10 * 1024 * 1024;

    /// <summary>Clock for <c>healthCheck</c>'s uptime.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>What <c>~</c> expands to in path arguments.</summary>
    /// <value>null: the user's profile folder.</value>
    public string? HomeDirectory { get; init; }

    /// <summary>
    /// Folders the tools must not touch besides <c>&lt;workspace&gt;/perstack</c>: the history store when
    /// <c>--storage-path</c> points inside the workspace.
    /// </summary>
    /// <value>None.</value>
    public IReadOnlyList<string> HiddenDirectories { get; init; } = [];

    /// <summary>
    /// Whether the file tools may read, write and move environment files (<see cref="EnvFileRule"/>: <c>.env</c>,
    /// <c>.env.local</c>… and <see cref="EnvFiles"/>): perstack.toml's <c>allowEnvFiles</c>.
    /// </summary>
    /// <value>false: refused.</value>
    public bool AllowEnvFiles { get; init; }

    /// <summary>The env files the run loaded (<c>--env-path</c>, <c>envPath</c>), refused like <c>.env</c> whatever their names.</summary>
    /// <value>None.</value>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>
    /// Reads a variable of the server's own environment, used to build the minimal environment of <c>exec</c> children
    /// (PATH, HOME, SHELL, TERM, LANG and proxy settings).
    /// </summary>
    /// <value>null: <see cref="Environment.GetEnvironmentVariable(string)"/>.</value>
    public Func<string, string?>? ParentEnvironment { get; init; }
}
