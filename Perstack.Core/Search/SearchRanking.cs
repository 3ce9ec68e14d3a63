namespace Perstack.Core.Search;

/// <summary>Runs a query over a set of documents: every document scored, the best kept (see <see cref="SearchScorer"/>).</summary>
public static class SearchRanking
{
    /// <summary>The best <paramref name="limit"/> hits of <paramref name="documents"/>, best first, and how many matched.</summary>
    /// <exception cref="OperationCanceledException">A newer query replaced this one.</exception>
    public static SearchResults Top(IReadOnlyList<SearchDocument> documents, SearchQuery query, int limit, SearchIndexStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty || limit <= 0)
        {
            return SearchResults.None(status);
        }

        // The worst kept hit on top, so a better one replaces it.
        var kept = new PriorityQueue<SearchHit, SearchHit>(limit + 1, Comparer<SearchHit>.Create((x, y) => SearchScorer.Compare(y, x)));
        int matched = 0;
        for (int i = 0; i < documents.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (SearchScorer.Score(documents[i], query) is not { } hit)
            {
                continue;
            }

            matched++;
            kept.Enqueue(hit, hit);
            if (kept.Count > limit)
            {
                kept.Dequeue();
            }
        }

        var hits = new List<SearchHit>(kept.Count);
        while (kept.TryDequeue(out var hit, out _))
        {
            hits.Add(hit);
        }

        hits.Reverse();
        return new SearchResults(hits, matched, status);
    }
}
