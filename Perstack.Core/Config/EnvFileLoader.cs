using System.Collections;
using Perstack.Core.Domain;

namespace Perstack.Core.Config;

/// <summary>
/// Reads the dotenv files of a run (CLI spec §1.4): the <c>--env-path</c> values, else perstack.toml's
/// <c>envPath</c>, else <c>.env</c> and <c>.env.local</c>; each relative to the working directory. Missing files
/// are skipped silently; a file that exists but cannot be read is an error.
/// </summary>
public static class EnvFileLoader
{
    /// <summary>The files read when neither <c>--env-path</c> nor <c>envPath</c> is given.</summary>
    public static IReadOnlyList<string> DefaultPaths { get; } = [".env", ".env.local"];

    /// <summary>The absolute paths to read, in priority order.</summary>
    /// <param name="workingDirectory">The directory relative paths are resolved against.</param>
    /// <param name="envPathOption">The <c>--env-path</c> values (null or empty: not given).</param>
    /// <param name="config">The loaded perstack.toml, if any.</param>
    public static IReadOnlyList<string> ResolvePaths(string workingDirectory, IReadOnlyList<string>? envPathOption, PerstackConfig? config)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var root = Path.GetFullPath(workingDirectory);
        var paths = envPathOption is { Count: > 0 } ? envPathOption : config?.EnvPath ?? DefaultPaths;
        return [.. paths.Where(p => p.Length > 0).Select(p => Path.GetFullPath(p, root))];
    }

    /// <summary>Reads the env files that exist, in priority order.</summary>
    /// <exception cref="PerstackException">A file exists but cannot be read (or is a directory).</exception>
    public static IReadOnlyList<EnvFile> Load(string workingDirectory, IReadOnlyList<string>? envPathOption, PerstackConfig? config)
    {
        var files = new List<EnvFile>();
        foreach (var path in ResolvePaths(workingDirectory, envPathOption, config))
        {
            if (Directory.Exists(path))
            {
                throw new PerstackException($"Cannot read env file \"{path}\": it is a directory");
            }

            try
            {
                files.Add(new EnvFile(path, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Missing files are skipped silently, as dotenv does.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PerstackException($"Cannot read env file \"{path}\": {e.Message}", e);
            }
        }

        return files;
    }

    /// <summary>Reads the env files and merges them under the process environment.</summary>
    /// <param name="workingDirectory">The directory relative paths are resolved against.</param>
    /// <param name="envPathOption">The <c>--env-path</c> values (null or empty: not given).</param>
    /// <param name="config">The loaded perstack.toml, if any.</param>
    /// <param name="processEnvironment">E.g. <c>Environment.GetEnvironmentVariables()</c>.</param>
    public static MergedEnvironment LoadEnvironment(
        string workingDirectory, IReadOnlyList<string>? envPathOption, PerstackConfig? config, IDictionary processEnvironment) =>
        EnvironmentBuilder.Build(processEnvironment, Load(workingDirectory, envPathOption, config));
}
