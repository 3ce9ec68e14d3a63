using Perstack.App.Tui.Controls;
using Perstack.Core.Search;

namespace Perstack.App.Tui.Screens.Search;

/// <summary>
/// How a search hit is drawn: <c>{expert} ({jobId}) step {n}: {the matching line}</c>, cut to show the match, every
/// occurrence of a query word in the line marked as the <c>/</c> filter marks its letters.
/// </summary>
internal static class SearchRow
{
    /// <summary>Columns of the line kept before the match when the line is cut (a wide character takes two).</summary>
    private const int Before = 24;

    public static string Text(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return $"{Head(hit)}{Excerpt(hit)}";
    }

    /// <summary>The row as drawn: the head plain, the excerpt with each occurrence of <paramref name="terms"/> marked.</summary>
    public static IReadOnlyList<RowSegment> Segments(SearchHit hit, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(terms);
        var excerpt = Excerpt(hit);
        return [new RowSegment(Head(hit)), .. RowSegment.Split(excerpt, Marks(excerpt, terms))];
    }

    /// <summary>The line from a little before the match (with «…» when cut), so the match is on screen.</summary>
    public static string Excerpt(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        int matchStart = Math.Clamp(hit.MatchStart, 0, hit.Line.Length);
        int start = matchStart - TextWidth.FitFromEnd(hit.Line.AsSpan(0, matchStart), Before);
        if (start > 0 && char.IsLowSurrogate(hit.Line[start]))
        {
            start--;
        }

        return start == 0 ? hit.Line : "…" + hit.Line[start..];
    }

    private static string Head(SearchHit hit) => $"{hit.ExpertKey} ({hit.JobId}) step {hit.StepNumber}: ";

    /// <summary>Which characters of <paramref name="text"/> belong to an occurrence of a term (the search's rule: case-insensitive substrings).</summary>
    private static bool[] Marks(string text, IReadOnlyList<string> terms)
    {
        var marks = new bool[text.Length];
        foreach (var term in terms.Where(t => t.Length > 0))
        {
            for (int at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(marks, true, at, Math.Min(term.Length, text.Length - at));
            }
        }

        return marks;
    }
}
