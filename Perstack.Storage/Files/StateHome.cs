namespace Perstack.Storage.Files;

/// <summary>The user's state folder (logs, MCP servers' stderr), as each platform names it; never the history tree.</summary>
public static class StateHome
{
    /// <summary>
    /// <c>$XDG_STATE_HOME/perstack</c> when set to an absolute path (on every platform, as XDG tools do); else
    /// <c>%LOCALAPPDATA%\perstack\state</c> on Windows, <c>~/Library/Logs/perstack</c> on macOS,
    /// <c>~/.local/state/perstack</c> elsewhere; null when none can be told (no home folder): then nothing is logged.
    /// </summary>
    public static string? Resolve(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Absolute(environment("XDG_STATE_HOME")) is { } xdg)
        {
            return Path.Combine(xdg, "perstack");
        }

        if (OperatingSystem.IsWindows())
        {
            return Absolute(environment("LOCALAPPDATA")) is { } local ? Path.Combine(local, "perstack", "state") : null;
        }

        var home = Absolute(environment("HOME"));
        return home is null ? null
            : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Logs", "perstack")
            : Path.Combine(home, ".local", "state", "perstack");
    }

    // The XDG spec: a relative path is invalid and must be ignored.
    private static string? Absolute(string? path) =>
        !string.IsNullOrWhiteSpace(path) && Path.IsPathFullyQualified(path) ? path : null;
}
