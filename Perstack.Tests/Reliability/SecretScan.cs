using System.Text;
using System.Text.RegularExpressions;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Finds a secret however a tool may have encoded it — as it is, URL-decoded, JSON-unescaped, or inside base64 of
/// either alphabet at any alignment — written apart from the runtime's redactor, so the leak tests do not check the
/// redactor against itself. A base64 text counts as showing the secret when it decodes to the secret's middle (its
/// first and last two characters may share base64 characters with their neighbours).
/// </summary>
internal static partial class SecretScan
{
    public static bool Shows(string text, string secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secret);
        foreach (var candidate in new[] { text, Uri.UnescapeDataString(text), Uri.UnescapeDataString(text.Replace('+', ' ')), JsonUnescape(text) })
        {
            if (candidate.Contains(secret, StringComparison.Ordinal) || Base64Shows(candidate, secret[2..^2]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Base64Shows(string text, string middle)
    {
        foreach (Match run in Base64Run().Matches(text))
        {
            var normal = run.Value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            for (int skip = 0; skip < 4 && skip < normal.Length; skip++)
            {
                var piece = normal[skip..];
                piece = piece[..(piece.Length / 4 * 4)];
                try
                {
                    if (Encoding.Latin1.GetString(Convert.FromBase64String(piece)).Contains(middle, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                catch (FormatException)
                {
                }
            }
        }

        return false;
    }

    private static string JsonUnescape(string text) => JsonEscape().Replace(text, m => m.Value[1] switch
    {
        'u' => ((char)Convert.ToInt32(m.Value[2..], 16)).ToString(),
        'n' => "\n",
        't' => "\t",
        var c => c.ToString(),
    });

    [GeneratedRegex("[A-Za-z0-9+/_=-]{12,}")]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"\\(u[0-9a-fA-F]{4}|.)")]
    private static partial Regex JsonEscape();
}
