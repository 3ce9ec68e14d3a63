namespace Perstack.Skills.Base;

/// <summary>
/// Which files the file tools treat as environment files, refused unless perstack.toml sets <c>allowEnvFiles = true</c>:
/// a file named <c>.env</c> or <c>.env.&lt;anything&gt;</c> (<c>.env.local</c>, <c>.env.production</c>,
/// <c>.env.development.local</c>…; the names are compared case-insensitively), except the conventional templates that
/// hold no values (<c>.env.example</c>, <c>.env.sample</c>, <c>.env.template</c>, <c>.env.dist</c>), and every file the
/// run loaded as an env file (<c>--env-path</c> / <c>envPath</c>), whatever its name. They hold the provider keys the
/// getting-started guide tells users to put there.
/// </summary>
public static class EnvFileRule
{
    /// <summary>The suffixes of <c>.env.&lt;suffix&gt;</c> files that are templates, not secrets.</summary>
    public static IReadOnlySet<string> TemplateSuffixes { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "example", "sample", "template", "dist" };

    /// <summary>Whether a file name is an environment file's by its name alone.</summary>
    public static bool IsEnvFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName.Equals(".env", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return fileName.StartsWith(".env.", StringComparison.OrdinalIgnoreCase) && fileName.Length > 5 && !TemplateSuffixes.Contains(fileName[5..]);
    }

    /// <summary>The message a refused environment file gets.</summary>
    public static string Refusal(string given) =>
        $"Access denied - {given} is an environment file, which may hold secrets (provider keys); set allowEnvFiles = true in perstack.toml to let the file tools use it";
}
