using System.Numerics;

namespace Perstack.Core.Search;

/// <summary>
/// Whether a job matches a query, and how well. A job matches when it holds every word of the query
/// (case-insensitively, anywhere in its text). Its hit is its best line, and its score is that line's:
/// <list type="bullet">
/// <item>1000 when the line holds the whole query as typed (the phrase; queries of two words or more),</item>
/// <item>+ 100 for each word of the query the line holds,</item>
/// <item>+ 10 for each of them that starts a word there (<c>cache</c> in "the cache" rather than "cached" in "precached"),</item>
/// <item>+ the number of matches in the line, up to 9.</item>
/// </list>
/// The best line is the one with the highest score, the earliest on ties, among the lines holding the first 16
/// matches of each word (a bound on the work per job when a word is everywhere). Jobs rank by score, then the most recent
/// activity first (see docs/tui.md).
/// </summary>
public static class SearchScorer
{
    /// <summary>Matches counted per word and job: enough to find the best line, bounded on a job that repeats a word.</summary>
    private const int MaxMatchesPerTerm = 16;

    /// <summary>The hit of <paramref name="document"/> for <paramref name="query"/>, or null when it does not match.</summary>
    public static SearchHit? Score(SearchDocument document, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            return null;
        }

        var text = document.Text.AsSpan();
        foreach (var term in query.Terms)
        {
            if (text.IndexOf(term, StringComparison.OrdinalIgnoreCase) < 0)
            {
                return null;
            }
        }

        var lines = new Dictionary<int, LineScore>();
        for (int t = 0; t < query.Terms.Count; t++)
        {
            var term = query.Terms[t];
            int from = 0;
            for (int count = 0; count < MaxMatchesPerTerm; count++)
            {
                int found = text[from..].IndexOf(term, StringComparison.OrdinalIgnoreCase);
                if (found < 0)
                {
                    break;
                }

                int position = from + found;
                int line = document.LineAt(position);
                var score = lines.GetValueOrDefault(line, new LineScore(-1, 0, 0, 0, 0));
                bool wordStart = position == 0 || !char.IsLetterOrDigit(text[position - 1]);
                lines[line] = score with
                {
                    FirstMatch = score.FirstMatch < 0 || position < score.FirstMatch ? position : score.FirstMatch,
                    FirstLength = score.FirstMatch < 0 || position < score.FirstMatch ? term.Length : score.FirstLength,
                    Terms = score.Terms | (1 << t),
                    WordStarts = score.WordStarts | (wordStart ? 1 << t : 0),
                    Matches = score.Matches + 1,
                };
                from = position + term.Length;
            }
        }

        if (query.Terms.Count > 1)
        {
            MarkPhrase(document, query.Phrase, lines);
        }

        int bestLine = -1;
        var best = default(LineScore);
        int bestScore = int.MinValue;
        foreach (var (line, score) in lines)
        {
            int value = ValueOf(score);
            if (value > bestScore || (value == bestScore && line < bestLine))
            {
                (bestLine, best, bestScore) = (line, score, value);
            }
        }

        int lineStart = document.LineStarts[bestLine];
        var checkpoint = document.Checkpoints[document.LineCheckpoints[bestLine]];
        return new SearchHit
        {
            JobId = document.JobId,
            ExpertKey = document.ExpertKey,
            Title = document.Title,
            LastActivityAt = document.LastActivityAt,
            CheckpointId = checkpoint.Id,
            StepNumber = checkpoint.StepNumber,
            Line = document.Line(bestLine),
            MatchStart = best.FirstMatch - lineStart,
            MatchLength = best.FirstLength,
            Score = bestScore,
        };
    }

    /// <summary>Orders hits best first: score, then the most recent activity, then job id (a stable order).</summary>
    public static int Compare(SearchHit? x, SearchHit? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        int byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        int byActivity = y.LastActivityAt.CompareTo(x.LastActivityAt);
        return byActivity != 0 ? byActivity : string.CompareOrdinal(x.JobId.Value, y.JobId.Value);
    }

    private static int ValueOf(LineScore score) =>
        (score.Phrase ? 1000 : 0) + (100 * BitOperations.PopCount((uint)score.Terms)) + (10 * BitOperations.PopCount((uint)score.WordStarts)) + Math.Min(score.Matches, 9);

    private static void MarkPhrase(SearchDocument document, string phrase, Dictionary<int, LineScore> lines)
    {
        var text = document.Text.AsSpan();
        int from = 0;
        for (int count = 0; count < MaxMatchesPerTerm; count++)
        {
            int found = text[from..].IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return;
            }

            int position = from + found;
            int line = document.LineAt(position);
            if (lines.TryGetValue(line, out var score) && !score.Phrase)
            {
                lines[line] = score with { Phrase = true, FirstMatch = position, FirstLength = phrase.Length };
            }

            from = position + phrase.Length;
        }
    }

    private readonly record struct LineScore(int FirstMatch, int FirstLength, int Terms, int WordStarts, int Matches)
    {
        public bool Phrase { get; init; }
    }
}
