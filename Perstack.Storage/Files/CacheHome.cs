namespace Perstack.Storage.Files;

/// <summary>The user's cache folder, as each platform names it.</summary>
public static class CacheHome
{
    /// <summary>
    /// <c>$XDG_CACHE_HOME</c> when set to an absolute path (on every platform, as XDG tools do); else
    /// <c>%LOCALAPPDATA%</c> on Windows, <c>~/Library/Caches</c> on macOS, <c>~/.cache</c> elsewhere; null when none
    /// can be told (no home folder): then nothing is cached.
    /// </summary>
    public static string? Resolve(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Absolute(environment("XDG_CACHE_HOME")) is { } xdg)
        {
            return xdg;
        }

        if (OperatingSystem.IsWindows())
        {
            return Absolute(environment("LOCALAPPDATA"));
        }

        var home = Absolute(environment("HOME"));
        return home is null ? null
            : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches")
            : Path.Combine(home, ".cache");
    }

    // The XDG spec: a relative path is invalid and must be ignored.
    private static string? Absolute(string? path) =>
        !string.IsNullOrWhiteSpace(path) && Path.IsPathFullyQualified(path) ? path : null;
}
