namespace Perstack.Core.Search;

/// <summary>
/// Full-text search over the whole history: every job's messages and tool results. An index kept by the adapter
/// (in the user's cache folder for a local store) answers at once from what it holds; <see cref="RefreshAsync"/>
/// brings it up to date in the background, reading only the jobs that changed.
/// </summary>
public interface IHistorySearch
{
    /// <summary>How much of the history the index holds now.</summary>
    SearchIndexStatus Status { get; }

    /// <summary>
    /// Searches what is indexed now (never waits for a refresh): the best <paramref name="limit"/> jobs, ranked as
    /// <see cref="SearchScorer"/> says, one hit per job on its best line.
    /// </summary>
    SearchResults Search(SearchQuery query, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the index up to date with the store: jobs added or changed are read, deleted ones dropped, and the
    /// index is saved. Results become searchable as they are read (<paramref name="progress"/> hears of each batch).
    /// A refresh already running is joined, not repeated.
    /// </summary>
    Task<SearchIndexStatus> RefreshAsync(IProgress<SearchIndexStatus>? progress = null, CancellationToken cancellationToken = default);
}
