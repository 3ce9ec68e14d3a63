using System.Collections;

namespace Perstack.Core.Config;

/// <summary>
/// Builds the environment of a run (data-model §2.12, CLI §1.4): every process variable with a non-empty value,
/// then the dotenv files in order without overriding. So the process environment wins over the files, and among
/// the files the first that defines a key wins (<c>.env</c> beats <c>.env.local</c>).
/// </summary>
public static class EnvironmentBuilder
{
    /// <summary>Merges the process environment with the env files (already read, in priority order).</summary>
    /// <param name="processEnvironment">E.g. <c>Environment.GetEnvironmentVariables()</c>; any dictionary of string to string.</param>
    /// <param name="files">The env files, first = highest priority.</param>
    public static MergedEnvironment Build(IDictionary processEnvironment, IEnumerable<EnvFile> files)
    {
        ArgumentNullException.ThrowIfNull(processEnvironment);
        ArgumentNullException.ThrowIfNull(files);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in processEnvironment)
        {
            if (entry.Key is string name && name.Length > 0 && entry.Value is string value && value.Length > 0)
            {
                values[name] = value;
            }
        }

        foreach (var file in files)
        {
            foreach (var (name, value) in EnvFileParser.Parse(file.Text))
            {
                values.TryAdd(name, value);
            }
        }

        return new MergedEnvironment(values);
    }
}
