using System.Text;

namespace Perstack.Core.Search;

/// <summary>
/// History text made safe to index and to draw. Tool results are hostile input (a model or a tool can put anything
/// in them): control characters (escape sequences included) and bidirectional overrides become blanks, lone surrogates
/// (text that was not valid UTF-8/UTF-16) become U+FFFD, and a line longer than <see cref="MaxLineLength"/> is cut into
/// pieces of that length, so every part of it stays searchable and a hit never draws a megabyte-long row.
/// </summary>
public static class SearchText
{
    /// <summary>The longest line kept whole.</summary>
    public const int MaxLineLength = 400;

    /// <summary>
    /// <paramref name="text"/> with control characters (but line feeds) and bidirectional controls as blanks and lone
    /// surrogates as U+FFFD, cut after <paramref name="budget"/> characters.
    /// </summary>
    public static string Clean(string text, int budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = Math.Min(text.Length, budget);
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (i + 1 >= length)
                {
                    break; // the budget ends between the halves: drop the pair rather than keep half of it
                }

                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (c == '\n')
            {
                builder.Append('\n');
            }
            else if (char.IsControl(c) || IsBidiControl(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The lines of <paramref name="text"/> worth indexing (cleaned, trimmed, not blank), long ones cut into pieces of
    /// <see cref="MaxLineLength"/>; at most <paramref name="budget"/> characters in all.
    /// </summary>
    public static IEnumerable<string> Lines(string text, int budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in Clean(text, budget).Split('\n'))
        {
            var line = raw.Trim();
            int start = 0;
            while (start < line.Length)
            {
                int end = Math.Min(line.Length, start + MaxLineLength);

                // Never split a surrogate pair between two pieces.
                if (end < line.Length && char.IsHighSurrogate(line[end - 1]))
                {
                    end--;
                }

                var piece = line[start..end].Trim();
                if (piece.Length > 0)
                {
                    yield return piece;
                }

                start = end;
            }
        }
    }

    // LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM: they reorder what the terminal draws after them.
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
