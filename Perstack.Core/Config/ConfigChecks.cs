using System.Globalization;

namespace Perstack.Core.Config;

/// <summary>Small checks shared by the perstack.toml table readers.</summary>
internal static class ConfigChecks
{
    public static void CheckLength(TomlValueReader reader, string path, string text, int max)
    {
        if (text.Length == 0)
        {
            reader.Add(path, "Must not be empty");
        }
        else if (text.Length > max)
        {
            reader.Add(path, $"Must be at most {max} characters");
        }
    }

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string Indexed(string path, int index) => path + "." + index.ToString(CultureInfo.InvariantCulture);

    public static HashSet<string> Keys(params string[] keys) => new(keys, StringComparer.Ordinal);
}
