namespace Perstack.Core.Search;

/// <summary>The answer to a search: the best hits, how many jobs matched in all, and how far the index was.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int MatchCount, SearchIndexStatus Status)
{
    /// <summary>No hits.</summary>
    public static SearchResults None(SearchIndexStatus status) => new([], 0, status);
}
