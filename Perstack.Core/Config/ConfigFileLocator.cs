using Perstack.Core.Domain;

namespace Perstack.Core.Config;

/// <summary>
/// Finds and loads perstack.toml (CLI spec §1.3): the <c>--config</c> path resolved against the working
/// directory, else the first <c>perstack.toml</c> in the working directory or one of its parents.
/// </summary>
public static class ConfigFileLocator
{
    /// <summary>Error when no perstack.toml is found upward.</summary>
    public const string NotFoundMessage = "perstack.toml not found. Create one or specify --config path.";

    /// <summary>The absolute path of the perstack.toml to use.</summary>
    /// <param name="workingDirectory">The directory commands run in.</param>
    /// <param name="configPath">The <c>--config</c> value, or null.</param>
    /// <exception cref="PerstackException">The given file does not exist, or none is found upward.</exception>
    public static string Locate(string workingDirectory, string? configPath)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var root = Path.GetFullPath(workingDirectory);
        if (configPath is not null)
        {
            var full = configPath.Length == 0 ? null : Path.GetFullPath(configPath, root);
            return full is not null && File.Exists(full)
                ? full
                : throw new PerstackException($"Given config path \"{configPath}\" is not found");
        }

        for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, PerstackConfigParser.FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new PerstackException(NotFoundMessage);
    }

    /// <summary>Locates, reads and parses perstack.toml.</summary>
    /// <exception cref="PerstackException">Not found or unreadable.</exception>
    /// <exception cref="PerstackConfigException">A syntax error or validation problems.</exception>
    public static PerstackConfig Load(string workingDirectory, string? configPath)
    {
        var path = Locate(workingDirectory, configPath);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerstackException($"Cannot read config file \"{path}\": {e.Message}", e);
        }

        return PerstackConfigParser.Parse(text, path);
    }
}
