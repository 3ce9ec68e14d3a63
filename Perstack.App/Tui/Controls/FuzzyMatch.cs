namespace Perstack.App.Tui.Controls;

/// <summary>
/// The <c>/</c> filter's matching rule. The filter is split into words on spaces; a field matches a word when it holds
/// the word's letters in order, case-insensitively (<c>pdbg</c> finds <c>payments-debug</c>). A row matches when
/// every word matches one of its fields. The letters may spread over at most <see cref="Span"/> characters, so a short
/// word does not find itself scattered over a long text; the span is fixed so that typing one more letter only ever
/// narrows the rows (the list narrows what it showed instead of searching everything again). Hand-written: no served library does fzf-style matching with match positions, and this is twenty lines.
/// </summary>
internal static class FuzzyMatch
{
    /// <summary>How far apart a word's first and last letters may be found.</summary>
    public const int Span = 32;

    /// <summary>The filter's words (no empty ones).</summary>
    public static string[] Words(string filter) =>
        (filter ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="word"/> matches <paramref name="text"/>.</summary>
    public static bool Matches(string text, string word) => Find(text, word, null);

    /// <summary>Marks in <paramref name="marks"/> the positions of <paramref name="text"/> that <paramref name="word"/> matched; false when it does not match.</summary>
    public static bool Mark(string text, string word, bool[] marks) => Find(text, word, marks);

    private static bool Find(string text, string word, bool[]? marks)
    {
        if (string.IsNullOrEmpty(word) || string.IsNullOrEmpty(text) || word.Length > text.Length)
        {
            return false;
        }

        // A substring match is the best one: take it whole.
        int exact = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        if (exact >= 0)
        {
            if (marks is not null)
            {
                Array.Fill(marks, true, exact, word.Length);
            }

            return true;
        }

        // Else the tightest in-order match starting at each occurrence of the first letter.
        int limit = Span;
        for (int start = IndexOf(text, word[0], 0); start >= 0; start = IndexOf(text, word[0], start + 1))
        {
            int at = start;
            int matched = 1;
            while (matched < word.Length && (at = IndexOf(text, word[matched], at + 1)) >= 0 && at - start < limit)
            {
                matched++;
            }

            if (matched == word.Length && at >= 0 && at - start < limit)
            {
                if (marks is not null)
                {
                    int position = start;
                    marks[position] = true;
                    for (int i = 1; i < word.Length; i++)
                    {
                        position = IndexOf(text, word[i], position + 1);
                        marks[position] = true;
                    }
                }

                return true;
            }
        }

        return false;
    }

    private static int IndexOf(string text, char c, int from)
    {
        char lower = char.ToLowerInvariant(c);
        char upper = char.ToUpperInvariant(c);
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == lower || text[i] == upper)
            {
                return i;
            }
        }

        return -1;
    }
}
