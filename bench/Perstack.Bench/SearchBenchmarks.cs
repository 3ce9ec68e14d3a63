using BenchmarkDotNet.Attributes;
using Perstack.Core.Search;
using Perstack.Storage.Files;
using Perstack.Storage.Search;

namespace Perstack.Bench;

/// <summary>
/// Full-text search over 10,000 jobs: a keystroke's search over the loaded index (every job matching, the worst case,
/// and one job's own word), and the first results as Ctrl+F gets them when the index comes from the cache file.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[SimpleJob(warmupCount: 2, iterationCount: 7)]
public class SearchBenchmarks
{
    private FileHistorySearch _search = null!;
    private string _indexFile = "";

    [Params("checkpoint cache", "ticket-9876")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (search, layout) = SearchBench.Open(SyntheticHistory.EnsureSearchStore());
        _search = search;
        _indexFile = layout.Cache.SearchIndexFile!;
        _search.RefreshAsync().GetAwaiter().GetResult();
        if (SearchIndexFile.Read(_indexFile).Count(e => e.Stamp > 0) != SyntheticHistory.SearchJobCount)
        {
            Thread.Sleep(FileStamp.SettleTime * 2); // a data set generated a moment ago: its folders settle first
            _search.RefreshAsync().GetAwaiter().GetResult();
        }

        Sanity.Require(_search.Status.Indexed == SyntheticHistory.SearchJobCount, "the search index does not hold every job");
    }

    /// <summary>One keystroke: the query over the loaded index, best 200 kept.</summary>
    [Benchmark]
    public SearchResults Keystroke() => _search.Search(SearchQuery.Parse(Query), 200);

    /// <summary>Ctrl+F with the cache warm: the index file read and decoded, then the query.</summary>
    [Benchmark]
    public SearchResults FirstResultsFromCacheFile()
    {
        var documents = SearchIndexFile.Read(_indexFile).Select(e => e.Document).ToList();
        return SearchRanking.Top(documents, SearchQuery.Parse(Query), 200, new SearchIndexStatus(documents.Count, documents.Count, Building: true), CancellationToken.None);
    }
}
