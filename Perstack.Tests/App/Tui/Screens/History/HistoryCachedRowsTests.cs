using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Tui;
using Perstack.Tests.Storage.Jobs.Index;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>Job History draws the store's cached listing first, then the checked listing replaces it.</summary>
public sealed class HistoryCachedRowsTests
{
    private TempDirectory _temp = null!;
    private TuiHarness? _tui;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown()
    {
        _tui?.Dispose();
        _temp.Dispose();
    }

    [Test]
    public async Task Rows_come_from_the_index_first_and_the_fresh_listing_replaces_them_keeping_the_cursors_job()
    {
        var root = Path.Combine(_temp.Path, "perstack");
        var store = new IndexedListingFixture(root);
        foreach (var (id, at) in new[] { ("job-a", 1L), ("job-b", 2L), ("job-c", 3L) })
        {
            await store.Jobs.SaveAsync(Job(id, at));
        }

        await store.Jobs.ListAsync(); // writes the index
        await store.Jobs.SaveAsync(Job("job-d", 4));
        (await store.Jobs.DeleteAsync(JobId.Parse("job-a"))).Should().BeTrue();
        var gated = new GatedJobStore(store.Jobs);

        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], store: root, jobStore: _ => gated, settle: false);
        await DrainUntilAsync(() => _tui.Screen().Contains("(job-c)", StringComparison.Ordinal));

        _tui.Rows()[1].Should().StartWith("Job History  (loading…)");
        _tui.ListRows(3).Select(IdOf).Should().Equal("job-c", "job-b", "job-a");
        _tui.App.InjectKey(new Key('j'));
        _tui.Dispatcher.Drain();
        _tui.Screen().Should().Contain("job-b · ");

        gated.Release();
        await _tui.SettleAsync();

        _tui.Rows()[1].Should().StartWith("Job History  (3 jobs)");
        _tui.ListRows(3).Select(IdOf).Should().Equal("job-d", "job-c", "job-b");
        _tui.Screen().Should().Contain("job-b · ", "the cursor stays on its job").And.NotContain("(job-a)");
    }

    [Test]
    public async Task A_cached_row_is_deleted_and_opened_like_a_checked_one()
    {
        var root = Path.Combine(_temp.Path, "perstack");
        var store = new IndexedListingFixture(root);
        foreach (var (id, at) in new[] { ("job-a", 1L), ("job-b", 2L), ("job-c", 3L) })
        {
            await store.Jobs.SaveAsync(Job(id, at));
        }

        await store.Jobs.ListAsync(); // writes the index
        var gated = new GatedJobStore(store.Jobs);
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], store: root, jobStore: _ => gated, settle: false);
        await DrainUntilAsync(() => _tui.Screen().Contains("(job-c)", StringComparison.Ordinal));
        _tui.Rows()[1].Should().StartWith("Job History  (loading…)", "the checked listing is held back: these are the cached rows");

        await PressKeysAsync(new Key('j'), Key.D);
        _tui.Screen().Should().Contain("Delete job job-b?");
        await PressKeysAsync(Key.Y);
        await DrainUntilAsync(() => _tui.Screen().Contains("Deleted job job-b", StringComparison.Ordinal));
        Directory.Exists(Path.Combine(root, "jobs", "job-b")).Should().BeFalse();

        await PressKeysAsync(new Key('g'), Key.C);
        await DrainUntilAsync(() => _tui.Workbench.Screen == Perstack.App.Tui.Shell.Screen.Checkpoints);
        _tui.Rows()[1].Should().Contain("(job-c)", "c opens the checkpoints of the cached row under the cursor");

        gated.Release();
        await _tui.SettleAsync();
        await _tui.PressAsync(Key.Esc);
        _tui.ListRows(2).Select(IdOf).Should().Equal("job-c", "job-a");
    }

    [Test]
    public async Task With_more_rows_than_fit_only_the_rows_drawn_are_decoded_and_keys_sort_and_filter_work_on_them_all()
    {
        var (root, store, jobs) = await ThreeHundredIndexedJobsAsync();
        var byActivity = jobs.OrderByDescending(j => j.LastActivityAt).Select(j => j.Id.Value).ToList();
        var byStart = jobs.OrderByDescending(j => j.StartedAt).Select(j => j.Id.Value).ToList();
        byActivity.Should().NotEqual(byStart, "the test needs the two orders to differ");
        var gated = new GatedJobStore(store.Jobs);

        _tui = await TuiHarness.StartAsync(width: 140, height: 30, copyFixture: false, configured: [], store: root, jobStore: _ => gated, settle: false);
        await DrainUntilAsync(() => _tui.Screen().Contains($"({byActivity[0]})", StringComparison.Ordinal));

        _tui.Rows()[1].Should().StartWith("Job History  (loading…)");
        _tui.ListRows(10).Select(IdOf).Should().Equal(byActivity.Take(10), "the cache is in the History's order");
        var cached = (CachedJobList)gated.Cached!;
        cached.Count.Should().Be(300);
        cached.Decoded.Should().BeLessThanOrEqualTo(120, "only the rows drawn and those just below them (whose first queries are read ahead) are decoded, not all 300");

        await PressKeysAsync(Key.G.WithShift);
        _tui.Screen().Should().Contain($"{byActivity[^1]} · ", "G goes to the last row");
        await PressKeysAsync(new Key('g'), new Key('j'));
        _tui.Screen().Should().Contain($"{byActivity[1]} · ", "g goes to the first row, j one down");

        await PressKeysAsync(new Key('/'), new Key('2'), new Key('9'));
        var filtered = byActivity.Where(id => id.Contains("29", StringComparison.Ordinal)).ToList();
        _tui.ListRows(filtered.Count).Select(IdOf).Should().Equal(filtered, "the filter runs over every row: " + _tui.Screen());
        await PressKeysAsync(Key.Esc, Key.Esc);

        await PressKeysAsync(new Key('s'));
        await PressKeysAsync(new Key('g'));
        _tui.ListRows(10).Select(IdOf).Should().Equal(byStart.Take(10), "s sorts every row by start time");

        gated.Release();
        await _tui.SettleAsync();

        _tui.Rows()[1].Should().StartWith("Job History, by start time  (300 jobs)");
        _tui.ListRows(10).Select(IdOf).Should().Equal(byStart.Take(10));
        await PressKeysAsync(new Key('s'), new Key('g'));
        _tui.ListRows(10).Select(IdOf).Should().Equal(byActivity.Take(10));
    }

    [Test]
    public async Task The_first_frame_has_the_index_heads_rows_and_the_whole_cached_listing_follows_keeping_the_cursor()
    {
        var (root, store, jobs) = await ThreeHundredIndexedJobsAsync();
        var byActivity = jobs.OrderByDescending(j => j.LastActivityAt).Select(j => j.Id.Value).ToList();
        var gated = new GatedJobStore(store.Jobs) { HoldCached = true };

        // The head as `perstack start` reads it while the terminal starts: nothing is drained, yet the first frame has rows.
        var head = await gated.ListCachedHeadAsync();
        _tui = await TuiHarness.StartAsync(width: 140, height: 30, copyFixture: false, configured: [], store: root, jobStore: _ => gated, settle: false, earlyCachedHead: Task.FromResult(head));
        _tui.App.LayoutAndDraw();

        _tui.ListRows(10).Select(IdOf).Should().Equal(byActivity.Take(10), "the head is in the History's order: " + _tui.Screen());
        gated.Cached.Should().BeNull("the whole cached listing is held back");
        await PressKeysAsync(Key.G.WithShift);
        _tui.Screen().Should().Contain($"{byActivity[JobsIndexHead.Count - 1]} · ", "until the whole listing is read, the head's last job is the last row");

        gated.ReleaseCached();
        await _tui.Work.IdleAsync(); // the checked listing starts only once these rows are drawn: nothing else waits
        _tui.Dispatcher.Drain();
        _tui.App.LayoutAndDraw();
        gated.Cached.Should().NotBeNull();
        _tui.Screen().Should().Contain($"{byActivity[JobsIndexHead.Count - 1]} · ", "the cursor stays on its job");
        await PressKeysAsync(Key.G.WithShift);
        _tui.Screen().Should().Contain($"{byActivity[^1]} · ", "the whole cached listing is there");

        gated.Release();
        await _tui.SettleAsync();
        _tui.Rows()[1].Should().StartWith("Job History  (300 jobs)");
    }

    [Test]
    public async Task After_a_run_moves_a_job_to_the_top_the_next_start_shows_it_there_from_the_cache()
    {
        var root = Path.Combine(_temp.Path, "perstack");
        var store = new IndexedListingFixture(root);
        foreach (var (id, at) in new[] { ("job-a", 1L), ("job-b", 2L), ("job-c", 3L) })
        {
            await store.Jobs.SaveAsync(Job(id, at));
        }

        await store.Jobs.ListAsync(); // writes the index: c, b, a
        await store.Jobs.SaveAsync(Job("job-a", 1) with { UpdatedAt = 1_700_000_100_000 }); // a run continued job-a

        var gated = new GatedJobStore(store.Jobs);
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], store: root, jobStore: _ => gated, settle: false);
        await DrainUntilAsync(() => _tui.Screen().Contains("(job-c)", StringComparison.Ordinal));
        _tui.ListRows(3).Select(IdOf).Should().Equal(["job-c", "job-b", "job-a"], "the cache as the last listing left it");
        gated.Release();
        await _tui.SettleAsync();
        _tui.ListRows(3).Select(IdOf).Should().Equal("job-a", "job-c", "job-b");
        _tui.Dispose();

        var again = new GatedJobStore(store.Jobs);
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], store: root, jobStore: _ => again, settle: false);
        await DrainUntilAsync(() => _tui.Screen().Contains("(job-a)", StringComparison.Ordinal));

        _tui.Rows()[1].Should().StartWith("Job History  (loading…)");
        _tui.ListRows(3).Select(IdOf).Should().Equal(["job-a", "job-c", "job-b"], "the listing rewrote the index in the new order");
        again.Release();
        await _tui.SettleAsync();
    }

    /// <summary>300 jobs whose start and last-activity orders differ, listed once so the index is written.</summary>
    private async Task<(string Root, IndexedListingFixture Store, List<Job> Jobs)> ThreeHundredIndexedJobsAsync()
    {
        var root = Path.Combine(_temp.Path, "perstack");
        var store = new IndexedListingFixture(root);
        var jobs = Enumerable.Range(0, 300).Select(i => Job($"job-{i:D3}", i) with { UpdatedAt = 1_700_000_100_000 + ((i * 37) % 300) }).ToList();
        foreach (var job in jobs)
        {
            await store.Jobs.SaveAsync(job);
        }

        await store.Jobs.ListAsync(); // writes the index
        return (root, store, jobs);
    }

    private static Job Job(string id, long at) => TestData.Job(id, startedAt: 1_700_000_000_000 + at);

    /// <summary>Injects keys and applies what they posted, without waiting for the gated listing.</summary>
    private async Task PressKeysAsync(params Key[] keys)
    {
        foreach (var key in keys)
        {
            _tui!.App.InjectKey(key);
            _tui.Dispatcher.Drain();
            await Task.Delay(1);
        }
    }

    private static string IdOf(string row) => !row.Contains('(', StringComparison.Ordinal) ? row : row[(row.IndexOf('(', StringComparison.Ordinal) + 1)..row.IndexOf(')', StringComparison.Ordinal)];

    private async Task DrainUntilAsync(Func<bool> shown) => (await _tui!.DrainUntilAsync(shown)).Should().BeTrue(_tui.Screen());

    /// <summary>The file store, its checked listing held back until <see cref="Release"/>.</summary>
    private sealed class GatedJobStore(IJobStore inner) : IJobStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cachedReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.SetResult();

        /// <summary>Holds the whole cached listing back too, until <see cref="ReleaseCached"/>.</summary>
        public bool HoldCached { get; init; }

        public void ReleaseCached() => _cachedReleased.SetResult();

        public Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);

        public Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default) => inner.CreateAsync(job, cancellationToken);

        public Task SaveAsync(Job job, CancellationToken cancellationToken = default) => inner.SaveAsync(job, cancellationToken);

        public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
        {
            await _released.Task.ConfigureAwait(false);
            return await inner.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>What the last cached listing returned.</summary>
        public IReadOnlyList<Job>? Cached { get; private set; }

        public async Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default)
        {
            if (HoldCached)
            {
                await _cachedReleased.Task.ConfigureAwait(false);
            }

            return Cached = await inner.ListCachedAsync(cancellationToken).ConfigureAwait(false);
        }

        public Task<IReadOnlyList<Job>?> ListCachedHeadAsync(CancellationToken cancellationToken = default) => inner.ListCachedHeadAsync(cancellationToken);

        public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);
    }
}
