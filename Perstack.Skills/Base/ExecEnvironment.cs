namespace Perstack.Skills.Base;

/// <summary>
/// The environment of an <c>exec</c> child: a minimal safe set taken from the server's own environment (never its
/// secrets, such as provider keys), plus the variables the model gave, except protected names that could change which
/// programs or libraries run.
/// </summary>
internal static class ExecEnvironment
{
    /// <summary>Copied from the server's environment when set.</summary>
    public static readonly IReadOnlyList<string> InheritedNames = OperatingSystem.IsWindows()
        ? ["PATH", "PATHEXT", "SystemRoot", "SystemDrive", "windir", "ComSpec", "TEMP", "TMP", "USERPROFILE", "HOME", "LANG",
           "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"]
        : ["PATH", "HOME", "SHELL", "TERM", "LANG", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];

    private static readonly HashSet<string> ProtectedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "HOME", "SHELL", "NODE_PATH", "NODE_OPTIONS", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PERL5LIB", "PERL5OPT",
        "RUBYLIB", "RUBYOPT", "BASH_ENV", "ENV", "IFS",
    };

    private static readonly string[] ProtectedPrefixes = ["LD_", "DYLD_"];

    /// <summary>Whether the model may not set <paramref name="name"/>.</summary>
    public static bool IsProtected(string name) =>
        ProtectedNames.Contains(name) || ProtectedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The child's whole environment.</summary>
    public static Dictionary<string, string> Build(Func<string, string?> parent, IEnumerable<KeyValuePair<string, string>> given)
    {
        var environment = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var name in InheritedNames)
        {
            if (parent(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in given)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ToolException($"Invalid environment variable: {name}");
            }

            if (!IsProtected(name))
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
