using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
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

    private static Job Job(string id, long at) => TestData.Job(id, startedAt: 1_700_000_000_000 + at);

    private static string IdOf(string row) => row[(row.IndexOf('(', StringComparison.Ordinal) + 1)..row.IndexOf(')', StringComparison.Ordinal)];

    private async Task DrainUntilAsync(Func<bool> shown)
    {
        for (int i = 0; i < 500 && !shown(); i++)
        {
            _tui!.Dispatcher.Drain();
            await Task.Delay(10);
        }

        shown().Should().BeTrue(_tui!.Screen());
    }

    /// <summary>The file store, its checked listing held back until <see cref="Release"/>.</summary>
    private sealed class GatedJobStore(IJobStore inner) : IJobStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.SetResult();

        public Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);

        public Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default) => inner.CreateAsync(job, cancellationToken);

        public Task SaveAsync(Job job, CancellationToken cancellationToken = default) => inner.SaveAsync(job, cancellationToken);

        public async Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default)
        {
            await _released.Task.ConfigureAwait(false);
            return await inner.ListAsync(cancellationToken).ConfigureAwait(false);
        }

        public Task<IReadOnlyList<Job>?> ListCachedAsync(CancellationToken cancellationToken = default) => inner.ListCachedAsync(cancellationToken);

        public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);
    }
}
