using System.Diagnostics;
using System.Globalization;
using Perstack.App.Features.Jobs;
using Perstack.App.Tui.Screens.Actions;
using Perstack.Core.Jobs;
using Perstack.Core.Search;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;
using Perstack.Storage.Search;

namespace Perstack.Bench;

/// <summary>
/// Full-text search over <see cref="SyntheticHistory.SearchJobCount"/> jobs, in this process (<c>--search</c>): the
/// index built from nothing, the first results when the index comes from the cache file (what Ctrl+F shows first),
/// and a keystroke's search over the loaded index; min/median/max on stderr.
/// </summary>
internal static class SearchBench
{
    /// <summary>Queries typed: words every job holds (every job scored: the worst case) and one job's own word.</summary>
    public static readonly string[] Queries = ["checkpoint cache", "export async function", "ticket-9876"];

    /// <summary>The services of the <c>jobs</c> commands over <paramref name="layout"/>, as the workbench gets them.</summary>
    public static JobOperations Operations(StorageLayout layout, IJobStore jobs, FileJobLocks locks)
    {
        var checkpoints = new FileCheckpointStore(layout);
        var runSettings = new FileRunSettingStore(layout);
        var files = new FileJobFiles(layout);
        return new JobOperations(
            new JobForker(jobs, checkpoints, runSettings, files, TimeProvider.System),
            new JobsTitleHandler(jobs, files, locks),
            new JobsExportHandler(new StoredJobReader(jobs, checkpoints, new FileEventStore(layout), runSettings), locks, new AtomicFileWriter()),
            new JobDeleter(jobs));
    }

    /// <summary>A search over the data set, with its caches under <see cref="SyntheticHistory.CacheHome"/>.</summary>
    public static (FileHistorySearch Search, StorageLayout Layout) Open(string root)
    {
        var layout = SyntheticHistory.Layout(root);
        var locks = new FileJobLocks(layout);
        return (new FileHistorySearch(layout, new FileJobStore(layout, locks), new FileCheckpointStore(layout), TimeProvider.System), layout);
    }

    public static async Task RunAsync(int rounds)
    {
        var root = SyntheticHistory.EnsureSearchStore();
        var (search, layout) = Open(root);
        var indexFile = layout.Cache.SearchIndexFile!;
        if (File.Exists(indexFile))
        {
            File.Delete(indexFile);
        }

        var clock = Stopwatch.StartNew();
        await search.RefreshAsync().ConfigureAwait(false);
        Report("index built from the history (no cache file)", [clock.Elapsed.TotalMilliseconds]);
        if (search.Status.Indexed != SyntheticHistory.SearchJobCount)
        {
            throw new InvalidOperationException($"indexed {search.Status.Indexed} of {SyntheticHistory.SearchJobCount} jobs");
        }

        // A data set generated a moment ago has unsettled folders: the first build does not vouch for them.
        await Task.Delay(FileStamp.SettleTime * 2).ConfigureAwait(false);
        await search.RefreshAsync().ConfigureAwait(false);
        Report("index file", [new FileInfo(indexFile).Length / 1e6], "MB");

        var cached = new List<double>();
        for (int i = 0; i < Math.Min(rounds, 20); i++)
        {
            var (fresh, _) = Open(root);
            var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            clock.Restart();
            var refresh = fresh.RefreshAsync(new SyncProgress(_ => first.TrySetResult()));
            await first.Task.ConfigureAwait(false);
            var results = fresh.Search(SearchQuery.Parse(Queries[0]), 200);
            cached.Add(clock.Elapsed.TotalMilliseconds);
            Sanity.Require(results.Hits.Count == 200, "no results from the cache");
            await refresh.ConfigureAwait(false);
        }

        Report($"first results from the cache file (new index, \"{Queries[0]}\")", cached);

        clock.Restart();
        await search.RefreshAsync().ConfigureAwait(false);
        Report("refresh with nothing changed (listing + one stat per job)", [clock.Elapsed.TotalMilliseconds]);

        foreach (var text in Queries)
        {
            var query = SearchQuery.Parse(text);
            var times = new List<double>();
            SearchResults? last = null;
            for (int i = 0; i < rounds; i++)
            {
                clock.Restart();
                last = search.Search(query, 200);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Report($"search \"{text}\" ({last!.MatchCount} jobs match)", times);
        }
    }

    private static void Report(string what, IReadOnlyList<double> values, string unit = "ms")
    {
        var sorted = values.Order().ToList();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: min {sorted[0]:F1} / median {sorted[sorted.Count / 2]:F1} / max {sorted[^1]:F1} {unit} (n={sorted.Count})"));
    }

    /// <summary>Reports on the reporting thread (no synchronization context here).</summary>
    private sealed class SyncProgress(Action<SearchIndexStatus> report) : IProgress<SearchIndexStatus>
    {
        public void Report(SearchIndexStatus value) => report(value);
    }
}
