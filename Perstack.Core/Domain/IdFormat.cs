using System.Buffers;

namespace Perstack.Core.Domain;

/// <summary>The single rule every stored id must pass before it can become part of a path.</summary>
internal static class IdFormat
{
    /// <summary>Longest id accepted.</summary>
    public const int MaxLength = 128;

    // Vectorized: a listing checks the id of every job folder (10,000s), and a char-by-char loop was ~25 ns an id.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Returns null when <paramref name="text"/> is a valid id, else why it is not.</summary>
    public static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "it is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (!IsAsciiLetterOrDigit(text[0]))
        {
            return "it must start with a letter or digit";
        }

        return text.AsSpan().ContainsAnyExcept(Allowed) ? "only letters, digits, '-' and '_' are allowed" : null;
    }

    /// <summary>A printable rendering of a rejected id, so control characters never reach a terminal raw.</summary>
    public static string Printable(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var shown = text.Length > 40 ? text[..40] + "…" : text;
        var builder = new System.Text.StringBuilder(shown.Length);
        foreach (char c in shown)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);
}
