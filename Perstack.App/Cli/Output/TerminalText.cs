using System.Buffers;
using System.Globalization;
using System.Text;

namespace Perstack.App.Cli.Output;

/// <summary>
/// Stored strings (queries, titles, tool names, expert keys, file names…) shown to people: control characters are
/// written visibly (<c>\x1b</c>, <c>\x9b</c>, <c>\u202e</c>) so a history cannot drive the terminal — no OSC 52
/// clipboard writes, screen clears, cursor moves or bidirectional reordering. JSON output never goes through this.
/// </summary>
internal static class TerminalText
{
    // C0 (but tab and newline), DEL, C1, and the bidirectional embedding/override/isolate controls.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c))
        + "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Whether <paramref name="text"/> holds a character <see cref="Escape"/> would rewrite.</summary>
    public static bool NeedsEscaping(ReadOnlySpan<char> text) => text.ContainsAny(Unsafe);

    /// <summary><paramref name="text"/> with every unsafe character written as an escape; tabs and newlines are kept.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        Append(builder, text);
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped; a <c>\r\n</c> line ending stays a line ending.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        while (text.Length > 0)
        {
            int index = text.IndexOfAny(Unsafe);
            if (index < 0)
            {
                builder.Append(text);
                return;
            }

            builder.Append(text[..index]);
            char c = text[index];
            if (c == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                builder.Append('\r');
            }
            else
            {
                builder.Append(c <= 0xFF
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }

            text = text[(index + 1)..];
        }
    }
}
