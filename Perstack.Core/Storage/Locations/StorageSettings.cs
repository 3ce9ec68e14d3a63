using Perstack.Core.Domain;

namespace Perstack.Core.Storage.Locations;

/// <summary>
/// The history's location and how to reach it, resolved once per command: <c>--storage-path</c>, else
/// <c>$PERSTACK_STORAGE_PATH</c>, else perstack.toml's <c>[storage] path</c>, else <c>./perstack</c>.
/// </summary>
/// <param name="Location">Where the history lives.</param>
/// <param name="Source">Where the location came from (<c>--storage-path</c>, the variable, a perstack.toml path), or null for the default.</param>
/// <param name="S3">perstack.toml's S3 overrides (<see cref="S3Overrides.None"/> for a folder).</param>
public sealed record StorageSettings(StorageLocation Location, string? Source, S3Overrides S3)
{
    /// <summary>Name of the environment variable that names the location.</summary>
    public const string EnvironmentVariable = "PERSTACK_STORAGE_PATH";

    /// <summary>The default folder.</summary>
    public const string DefaultFolder = "perstack";

    /// <summary>
    /// Resolves the settings. perstack.toml is read (through <paramref name="storageTable"/>) only when it matters: when
    /// neither the flag nor the variable names a location, or when the location is a bucket (for its overrides).
    /// </summary>
    /// <param name="flag">The <c>--storage-path</c> value, or null.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="storageTable">Reads perstack.toml's <c>[storage]</c> table; null when there is none.</param>
    /// <exception cref="PerstackException">A location we do not serve, or a bad <c>[storage]</c> table: one line.</exception>
    public static StorageSettings Resolve(string? flag, Func<string, string?> environment, Func<StorageTable?> storageTable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(storageTable);
        var fromEnvironment = environment(EnvironmentVariable);
        StorageTable? table = null;
        (string Text, string? Source) given =
            !string.IsNullOrWhiteSpace(flag) ? (flag, "--storage-path")
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? (fromEnvironment, EnvironmentVariable)
            : (table = storageTable()) is { Path: { } fromToml } ? (fromToml, table.SourcePath)
            : (DefaultFolder, null);
        var location = StorageLocation.Parse(given.Text, given.Source ?? "the default");
        if (location is S3Location)
        {
            table ??= storageTable();
            return new StorageSettings(location, given.Source, table?.S3 ?? S3Overrides.None);
        }

        return new StorageSettings(location, given.Source, S3Overrides.None);
    }
}
