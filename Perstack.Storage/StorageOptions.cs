namespace Perstack.Storage;

/// <summary>
/// Where the history lives (the folder that holds <c>jobs/</c>, by default <c>./perstack</c>) and where its caches
/// may go (the user's cache folder, outside the history).
/// </summary>
public sealed record StorageOptions
{
    /// <summary>Name of the environment variable that sets the root.</summary>
    public const string EnvironmentVariable = "PERSTACK_STORAGE_PATH";

    /// <summary>Creates options for <paramref name="rootPath"/>, made absolute, with no cache.</summary>
    public StorageOptions(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootPath { get; }

    /// <summary>
    /// The user's cache folder (<c>$XDG_CACHE_HOME</c>, <c>~/.cache</c>, …: see <see cref="CacheHome"/>), under which the
    /// store's speed-ups are kept; null: no caches (every listing reads the files).
    /// </summary>
    public string? CacheHome { get; init; }

    /// <summary>
    /// Resolves the root: <paramref name="explicitPath"/> (<c>--storage-path</c>), else
    /// <c>$PERSTACK_STORAGE_PATH</c>, else <c>./perstack</c>; and the user's cache folder from the same environment.
    /// </summary>
    public static StorageOptions Resolve(string? explicitPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var fromEnvironment = environment(EnvironmentVariable);
        var root = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : string.IsNullOrWhiteSpace(fromEnvironment) ? "perstack"
            : fromEnvironment;
        return new StorageOptions(root) { CacheHome = Files.CacheHome.Resolve(environment) };
    }
}
