using FluentAssertions;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>s over many rows: sorted off the UI thread, so over the cached rows it makes no more rows there than those drawn.</summary>
public sealed class HistorySortTests
{
    private const int Count = 20_000;
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Sorting_the_cached_rows_makes_no_more_rows_on_the_UI_thread_than_those_drawn_and_lands_with_the_cursor_on_its_job()
    {
        var store = new ManyJobsStore(Count) { HoldListing = true };
        var ids = ManyJobsStore.Ids(Count);
        _tui = await TuiHarness.StartAsync(width: 140, height: 30, copyFixture: false, configured: [], jobStore: _ => store, settle: false);
        (await _tui.DrainUntilAsync(() => _tui.Screen().Contains($"({ids[0]})", StringComparison.Ordinal))).Should().BeTrue(_tui.Screen());
        _tui.Rows()[1].Should().StartWith("Job History  (loading…)", "the checked listing is held back: these are the cached rows");
        foreach (var key in new[] { new Key('j'), new Key('j') })
        {
            _tui.App.InjectKey(key); // not PressAsync: it waits for every load, and the listing is held back
            _tui.Dispatcher.Drain();
        }

        _tui.App.LayoutAndDraw();

        int onUiThread = store.Cached.ReadsOnThread(Environment.CurrentManagedThreadId, () =>
        {
            _tui.App.InjectKey(new Key('s'));
            _tui.Dispatcher.Drain();
            _tui.App.LayoutAndDraw();
        });
        onUiThread.Should().BeLessThan(1_000, $"the rows drawn and those around them are made on the UI thread, not all {Count}");

        (await _tui.DrainUntilAsync(() => _tui.Screen().Contains("Sorted by start time", StringComparison.Ordinal))).Should().BeTrue(_tui.Screen());
        _tui.Rows()[1].Should().StartWith("Job History, by start time");
        _tui.Screen().Should().Contain($"{ids[2]} · ", "the cursor stays on its job");

        store.Release();
        await _tui.SettleAsync();
        _tui.Rows()[1].Should().StartWith($"Job History, by start time  ({Count} jobs)");
        _tui.Screen().Should().Contain($"{ids[2]} · ");
    }
}
