namespace Perstack.Storage;

/// <summary>Where the history lives: the folder that holds <c>jobs/</c> (by default <c>./perstack</c>).</summary>
public sealed record StorageOptions
{
    /// <summary>Name of the environment variable that sets the root.</summary>
    public const string EnvironmentVariable = "PERSTACK_STORAGE_PATH";

    /// <summary>Creates options for <paramref name="rootPath"/>, made absolute.</summary>
    public StorageOptions(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootPath { get; }

    /// <summary>
    /// Resolves the root: <paramref name="explicitPath"/> (<c>--storage-path</c>), else
    /// <c>$PERSTACK_STORAGE_PATH</c>, else <c>./perstack</c>.
    /// </summary>
    public static StorageOptions Resolve(string? explicitPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new StorageOptions(explicitPath);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        return new StorageOptions(string.IsNullOrWhiteSpace(fromEnvironment) ? "perstack" : fromEnvironment);
    }
}
