using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;

namespace Perstack.Core.Config;

/// <summary>
/// Reads only the <c>[storage]</c> table of perstack.toml (found as <see cref="ConfigFileLocator"/> finds it): the
/// history commands need where the history lives, not the experts, so the rest of the file is not validated here.
/// </summary>
public static class StorageTableReader
{
    private static readonly HashSet<string> Keys = ConfigChecks.Keys("path", "endpoint", "region", "forcePathStyle", "allowUnsafeWrites", "leaseSeconds");

    /// <summary>The table of the perstack.toml <paramref name="configPath"/> names or the first one upward; null when there is none.</summary>
    /// <exception cref="PerstackConfigException">The file does not parse, or the table is invalid.</exception>
    public static StorageTable? Read(string workingDirectory, string? configPath)
    {
        string path;
        try
        {
            path = ConfigFileLocator.Locate(workingDirectory, configPath);
        }
        catch (PerstackException) when (configPath is null)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerstackException($"Cannot read config file \"{path}\": {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>The table of <paramref name="tomlText"/> read from <paramref name="sourcePath"/>; null when it has none.</summary>
    public static StorageTable? Parse(string tomlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        var root = TomlDocumentReader.Read(tomlText);
        var reader = new TomlValueReader();
        if (reader.Table(root, "storage", "") is not { } table)
        {
            return reader.Problems.Count > 0 ? throw new PerstackConfigException(reader.Problems) : null;
        }

        reader.RejectUnknownKeys(table, "storage", Keys);
        var location = reader.String(table, "path", "storage");
        var endpoint = reader.String(table, "endpoint", "storage");
        if (endpoint is not null && !ConfigChecks.IsHttpUrl(endpoint))
        {
            reader.Add("storage.endpoint", "Invalid URL");
        }

        var overrides = new S3Overrides
        {
            Endpoint = endpoint is not null && ConfigChecks.IsHttpUrl(endpoint) ? new Uri(endpoint) : null,
            Region = reader.String(table, "region", "storage"),
            ForcePathStyle = reader.Boolean(table, "forcePathStyle", "storage"),
            AllowUnsafeWrites = reader.Boolean(table, "allowUnsafeWrites", "storage") ?? false,
            LeaseSeconds = LeaseSeconds(reader, table),
        };
        if (reader.Problems.Count > 0)
        {
            throw new PerstackConfigException(reader.Problems);
        }

        // A relative folder is relative to perstack.toml's folder (the file moves with its project), not to where the
        // command runs; anything with a scheme is kept for StorageLocation.Parse to judge.
        if (location is { Length: > 0 } && !location.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(location))
        {
            location = Path.GetFullPath(location, Path.GetDirectoryName(sourcePath)!);
        }

        return new StorageTable(sourcePath, string.IsNullOrWhiteSpace(location) ? null : location, overrides);
    }

    private static long? LeaseSeconds(TomlValueReader reader, Tomlyn.Model.TomlTable table)
    {
        var range = $"Must be an integer from {S3Overrides.MinLeaseSeconds} to {S3Overrides.MaxLeaseSeconds}";
        var seconds = reader.Integer(table, "leaseSeconds", "storage", S3Overrides.MinLeaseSeconds, range);
        if (seconds > S3Overrides.MaxLeaseSeconds)
        {
            reader.Add("storage.leaseSeconds", range);
            return null;
        }

        return seconds;
    }
}
