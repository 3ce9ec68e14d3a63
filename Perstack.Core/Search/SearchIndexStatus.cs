namespace Perstack.Core.Search;

/// <summary>How far the search index is: <paramref name="Indexed"/> of <paramref name="Total"/> jobs, still reading or not.</summary>
/// <param name="Indexed">Jobs whose text is searchable.</param>
/// <param name="Total">Jobs in the history (as far as known: 0 before the first listing).</param>
/// <param name="Building">Whether a refresh is reading jobs now.</param>
public sealed record SearchIndexStatus(int Indexed, int Total, bool Building);
