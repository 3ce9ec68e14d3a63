using System.Collections;
using System.Globalization;
using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Perstack.Tests.App.Tui.Screens.History;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// The filter over more rows than <see cref="ListController{TRow}.ScanOnUiThread"/>, on the real driver: a keystroke is
/// answered at once while the rows are matched off the UI thread, the matches land after, and a result for a filter
/// typed over meanwhile is dropped. Over the History's cached rows (each made when first read), opening the filter
/// and typing make no more rows on the UI thread than those drawn.
/// </summary>
public sealed class FilterScanTests
{
    private const int Count = 20_000;
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task A_first_letter_over_many_rows_is_answered_at_once_and_its_matches_land_after()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], jobStore: _ => new ManyJobsStore(Count));
        await _tui.PressAsync(new Key('/'));

        _tui.App.InjectKey(new Key('7'));
        _tui.Dispatcher.Drain();
        _tui.App.LayoutAndDraw();
        _tui.Rows()[1].Should().StartWith($"Job History  (matching {Count} jobs…, filter: 7)", "the key is answered before the rows are matched");

        await _tui.SettleAsync();
        var expected = Ids(Count).Where(id => id.Contains('7', StringComparison.Ordinal)).ToList();
        _tui.Rows()[1].Should().StartWith($"Job History  ({expected.Count} of {Count} jobs, filter: 7)");
        _tui.ListRows(5).Select(IdOf).Should().Equal(expected.Take(5));
        _tui.Workbench.List.SelectedItem.Should().Be(0, "the cursor is on the first match");

        await _tui.PressAsync(new Key('7'));
        var narrowed = expected.Where(id => id.Contains("77", StringComparison.Ordinal)).ToList();
        narrowed.Count.Should().BeLessThan(ListController<Perstack.App.Tui.Screens.History.JobRow>.ScanOnUiThread, "the test narrows on the UI thread here");
        _tui.Rows()[1].Should().StartWith($"Job History  ({narrowed.Count} of {Count} jobs, filter: 77)", "a longer filter narrows the kept matches at once");
    }

    [Test]
    public async Task A_result_for_a_filter_typed_over_meanwhile_is_dropped()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], jobStore: _ => new ManyJobsStore(Count));
        await _tui.PressAsync(new Key('/'));
        var sevens = Ids(Count).Count(id => id.Contains('7', StringComparison.Ordinal));

        _tui.App.InjectKey(new Key('7'));
        await _tui.Work.IdleAsync(); // the matches of «7» are posted, not applied yet
        _tui.App.InjectKey(new Key('3'));
        _tui.Dispatcher.Drain();
        _tui.App.LayoutAndDraw();
        _tui.Rows()[1].Should().NotContain($"{sevens} of", "the matches of «7» landed after «73» was typed");

        await _tui.SettleAsync();
        var expected = Ids(Count).Where(id => id.Contains("73", StringComparison.Ordinal)).ToList();
        _tui.Rows()[1].Should().StartWith($"Job History  ({expected.Count} of {Count} jobs, filter: 73)");
        _tui.ListRows(5).Select(IdOf).Should().Equal(expected.Take(5));

        await _tui.PressAsync(Key.Backspace);
        await _tui.SettleAsync();
        _tui.Rows()[1].Should().StartWith($"Job History  ({sevens} of {Count} jobs, filter: 7)", "Backspace matches «7» again");
    }

    [Test]
    public async Task Opening_the_filter_and_typing_over_the_cached_rows_make_no_more_rows_on_the_UI_thread_than_those_drawn()
    {
        var store = new ManyJobsStore(Count) { HoldListing = true };
        _tui = await TuiHarness.StartAsync(width: 140, height: 30, copyFixture: false, configured: [], jobStore: _ => store, settle: false);
        (await _tui.DrainUntilAsync(() => _tui.Screen().Contains($"({Ids(Count)[0]})", StringComparison.Ordinal))).Should().BeTrue(_tui.Screen());
        _tui.Rows()[1].Should().StartWith("Job History  (loading…)", "the checked listing is held back: these are the cached rows");

        int onUiThread = store.Cached.ReadsOnThread(Environment.CurrentManagedThreadId, () =>
        {
            _tui.App.InjectKey(new Key('/'));
            _tui.Dispatcher.Drain();
            _tui.App.LayoutAndDraw();
            _tui.App.InjectKey(new Key('7'));
            _tui.Dispatcher.Drain();
            _tui.App.LayoutAndDraw();
        });
        onUiThread.Should().BeLessThan(1_000, $"the rows drawn and those around them are made on the UI thread, not all {Count}");

        (await _tui.DrainUntilAsync(() => _tui.ListRows(1).Select(IdOf).SequenceEqual([Ids(Count).First(id => id.Contains('7', StringComparison.Ordinal))])))
            .Should().BeTrue("the matches over the cached rows land: " + _tui.Screen());

        store.Release();
        await _tui.SettleAsync();
        var expected = Ids(Count).Where(id => id.Contains('7', StringComparison.Ordinal)).ToList();
        _tui.Rows()[1].Should().StartWith($"Job History  ({expected.Count} of {Count} jobs, filter: 7)", "the checked listing is matched too");
        _tui.ListRows(5).Select(IdOf).Should().Equal(expected.Take(5));
    }

    private static List<string> Ids(int count) => ManyJobsStore.Ids(count);

    private static string IdOf(string row) => !row.Contains('(', StringComparison.Ordinal) ? row : row[(row.IndexOf('(', StringComparison.Ordinal) + 1)..row.IndexOf(')', StringComparison.Ordinal)];
}
