using Perstack.Core.Search;

namespace Perstack.App.Tui.Screens.Search;

/// <summary>How a search hit is drawn: <c>{expert} ({jobId}) step {n}: {the matching line}</c>, cut to show the match.</summary>
internal static class SearchRow
{
    /// <summary>Characters of the line kept before the match when the line is cut.</summary>
    private const int Before = 24;

    public static string Text(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return $"{hit.ExpertKey} ({hit.JobId}) step {hit.StepNumber}: {Excerpt(hit)}";
    }

    /// <summary>The line from a little before the match (with «…» when cut), so the match is on screen.</summary>
    public static string Excerpt(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        int start = Math.Clamp(hit.MatchStart - Before, 0, hit.Line.Length);
        if (start > 0 && char.IsLowSurrogate(hit.Line[start]))
        {
            start--;
        }

        return start == 0 ? hit.Line : "…" + hit.Line[start..];
    }
}
