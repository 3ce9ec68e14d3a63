namespace Perstack.Core.Config;

/// <summary>
/// Parses dotenv text the way the <c>dotenv</c> package does: <c>KEY=VALUE</c> or <c>KEY: VALUE</c>, an optional
/// <c>export </c>, values in single, double or back quotes (which may span lines; in double quotes <c>\n</c> and
/// <c>\r</c> become line breaks), <c>#</c> comments (in unquoted values too), blank lines. Keys are
/// <c>[A-Za-z0-9_.-]+</c>. Lines that do not parse are ignored; a key given twice keeps its last value.
/// </summary>
public static class EnvFileParser
{
    /// <summary>Parses <paramref name="text"/>; the result keeps the order in which keys first appear.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int position = 0;
        while (position < text.Length)
        {
            position = ParseLine(text, position, result);
        }

        return result;
    }

    /// <summary>Parses the entry starting at <paramref name="start"/> and returns where the next one starts.</summary>
    private static int ParseLine(string text, int start, Dictionary<string, string> result)
    {
        int i = SkipBlanks(text, start, newlines: true);
        int lineEnd = LineEnd(text, i);
        if (i >= text.Length || text[i] == '#')
        {
            return lineEnd + 1;
        }

        if (string.CompareOrdinal(text, i, "export", 0, 6) == 0 && i + 6 < lineEnd && text[i + 6] is ' ' or '\t')
        {
            i = SkipBlanks(text, i + 6, newlines: false);
        }

        int keyStart = i;
        while (i < lineEnd && IsKeyChar(text[i]))
        {
            i++;
        }

        if (i == keyStart)
        {
            return lineEnd + 1;
        }

        var key = text[keyStart..i];
        i = SkipBlanks(text, i, newlines: false);
        if (i < lineEnd && text[i] == '=')
        {
            i++;
        }
        else if (i + 1 < lineEnd && text[i] == ':' && text[i + 1] is ' ' or '\t')
        {
            i += 2;
        }
        else
        {
            return lineEnd + 1;
        }

        i = SkipBlanks(text, i, newlines: false);
        if (i < text.Length && text[i] is '"' or '\'' or '`')
        {
            char quote = text[i];
            int close = FindClosingQuote(text, i + 1, quote);
            if (close >= 0)
            {
                var value = text[(i + 1)..close];
                if (quote == '"')
                {
                    value = value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal);
                }

                result[key] = value;
                return LineEnd(text, close + 1) + 1;
            }
        }

        // Unquoted (or an unterminated quote, kept as text): up to a comment or the end of the line, trimmed.
        int valueEnd = text.IndexOf('#', i, lineEnd - i);
        result[key] = text[i..(valueEnd < 0 ? lineEnd : valueEnd)].Trim();
        return lineEnd + 1;
    }

    /// <summary>Index of the closing quote (a backslash escapes a quote), or -1.</summary>
    private static int FindClosingQuote(string text, int from, char quote)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == quote)
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static int SkipBlanks(string text, int i, bool newlines)
    {
        while (i < text.Length && (text[i] is ' ' or '\t' || (newlines && text[i] is '\r' or '\n')))
        {
            i++;
        }

        return i;
    }

    /// <summary>Index of the line break ending the line that holds <paramref name="i"/> (or the text length).</summary>
    private static int LineEnd(string text, int i)
    {
        int end = text.IndexOf('\n', Math.Min(i, text.Length));
        return end < 0 ? text.Length : end;
    }
}
