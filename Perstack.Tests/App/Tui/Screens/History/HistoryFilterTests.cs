using FluentAssertions;
using Perstack.App.Tui.Screens.History;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>
/// The history's filter and preview stay cheap per key: typing narrows what was shown, a first query read in the
/// background adds its row in place, and a preview read for a row left behind never shows over the current one.
/// </summary>
public sealed class HistoryFilterTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Typing_narrows_to_the_rows_a_fresh_filter_finds_and_Backspace_goes_back_to_them()
    {
        _tui = await TuiHarness.StartAsync(height: 50, copyFixture: false, configured: []);
        string[] experts = ["code-reviewer", "coder", "docs-writer", "cod-fisher", "research-assistant", "scheduler"];
        var jobs = Enumerable.Range(0, 18)
            .Select(i => TestData.Job($"job-{i:D2}", startedAt: 1_700_000_000_000 + i) with { CoordinatorExpertKey = experts[i % experts.Length] })
            .ToList();
        foreach (var job in jobs)
        {
            await _tui.Stores.Jobs.SaveAsync(job);
        }

        await _tui.PressAsync(Key.H, new Key('/'));
        const string typed = "sch r";
        var shownFor = new Dictionary<string, string[]>();
        for (int length = 1; length <= typed.Length; length++)
        {
            var filter = typed[..length];
            await _tui.PressAsync(new Key(filter[^1]));
            shownFor[filter] = ShownIds();
            shownFor[filter].Should().Equal(FreshFilter(jobs, filter), $"typing up to \"{filter}\" narrows to what filtering every row finds");
        }

        shownFor["s"].Should().HaveCount(12).And.NotEqual(shownFor["sc"], "the test needs the filter to narrow");
        for (int length = typed.Length - 1; length >= 1; length--)
        {
            await _tui.PressAsync(Key.Backspace);
            ShownIds().Should().Equal(shownFor[typed[..length]], $"Backspace goes back to what \"{typed[..length]}\" showed");
        }

        await _tui.PressAsync(new Key('h'));
        ShownIds().Should().Equal(FreshFilter(jobs, "sh"), "a letter typed after Backspace narrows from the shorter filter, not the longer one");
    }

    [Test]
    public async Task A_first_query_read_while_filtering_adds_its_row_in_place_and_the_cursor_stays_on_its_row()
    {
        var gate = await StartWithAQueryHeldAsync();

        await PressHeldAsync(new Key('/'), new Key('p'), new Key('a'), new Key('r'), Key.Enter, new Key('j'));
        ShownIds().Should().Equal(["job-a", "job-c"], "job-b's query is still being read");
        _tui!.Screen().Should().Contain("job-c · ");

        gate.Open();
        await _tui.SettleAsync();

        _tui.Rows()[1].Should().StartWith("Job History  (3 of 131 jobs, filter: par)");
        ShownIds().Should().Equal(["job-a", "job-b", "job-c"], "the row whose query matches takes its place in the order");
        _tui.Screen().Should().Contain("job-c · ", "the cursor stays on its job, not on its old index");
    }

    [Test]
    public async Task A_first_query_read_while_filtering_reaches_the_results_Backspace_goes_back_to()
    {
        var gate = await StartWithAQueryHeldAsync();

        await PressHeldAsync(new Key('/'), new Key('p'), new Key('a'), new Key('r'), Key.Backspace, new Key('r'));
        ShownIds().Should().Equal(["job-a", "job-c"], "job-b's query is still being read");

        gate.Open();
        await _tui!.SettleAsync();
        ShownIds().Should().Equal(["job-a", "job-b", "job-c"]);

        await _tui.PressAsync(Key.Backspace);
        _tui.Rows()[1].Should().StartWith("Job History  (3 of 131 jobs, filter: pa)");
        ShownIds().Should().Equal(["job-a", "job-b", "job-c"], "the results of the shorter filter typed on the way learnt the row too");
        await _tui.TypeAsync("r the");
        ShownIds().Should().Equal(["job-b"], "narrowing from the results that learnt the row finds it");
    }

    /// <summary>
    /// 131 jobs; "par" matches job-a and job-c by their expert, and job-b (between them) only by its first query,
    /// whose read is held. job-b is below the rows whose queries are read ahead of the cursor: only the filter reads it.
    /// </summary>
    private async Task<GatedRunSettings> StartWithAQueryHeldAsync()
    {
        var gate = new GatedRunSettings();
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: [], runSettings: inner => gate.Over(inner));
        var parserBot = TestData.Job("job-a", startedAt: 1_700_000_000_300) with { CoordinatorExpertKey = "parser-bot" };
        var refactor = TestData.Job("job-b", startedAt: 1_700_000_000_020);
        var parserTwo = TestData.Job("job-c", startedAt: 1_700_000_000_010) with { CoordinatorExpertKey = "parser-two" };
        var others = Enumerable.Range(0, 128).Select(i => TestData.Job($"job-f{i:D3}", startedAt: 1_700_000_000_100 + i));
        foreach (var job in others.Append(parserBot).Append(refactor).Append(parserTwo))
        {
            await _tui.Stores.Jobs.SaveAsync(job);
        }

        await _tui.Stores.RunSettings.SaveAsync(TestData.RunSetting(refactor.Id, RunId.Parse("run-1"), new Dictionary<string, string>()) with { Input = new() { Text = "refactor the parser" } });
        gate.Close(refactor.Id);
        await PressHeldAsync(Key.H);
        await DrainUntilAsync(() => _tui.Rows()[1].StartsWith("Job History  (131 jobs)", StringComparison.Ordinal));
        return gate;
    }

    [Test]
    public async Task A_preview_read_for_a_row_left_behind_never_replaces_the_selected_rows_preview()
    {
        var gate = new GatedRunSettings();
        _tui = await TuiHarness.StartAsync(copyFixture: true, runSettings: inner => gate.Over(inner));
        var ids = ShownIds();
        ids.Length.Should().BeGreaterThanOrEqualTo(4);
        gate.Close(JobId.Parse(ids[2]), JobId.Parse(ids[3]));

        await PressHeldAsync(new Key('j'));
        _tui.Screen().Should().Contain("Last messages", "the second row was read ahead while the first was selected").And.Contain($"{ids[1]}  ");
        await PressHeldAsync(new Key('j'));
        _tui.Screen().Should().Contain("reading…", "the third row's preview is being read (ahead, from the second row)");
        await PressHeldAsync(new Key('j'));
        gate.Open();
        await _tui.Work.IdleAsync();
        _tui.Dispatcher.Drain(); // the third row's read lands; the fourth row's starts

        var screen = _tui.Screen();
        screen.Should().Contain($"{ids[3]} · ").And.Contain("reading…", "the fourth row's preview is still being read")
            .And.NotContain("Last messages", "the third row's preview, read meanwhile, is not shown over the fourth row's");
        await _tui.SettleAsync();
        _tui.Screen().Should().Contain("Last messages").And.Contain($"{ids[3]}  ");
    }

    private static string[] FreshFilter(IEnumerable<Job> jobs, string filter) =>
        jobs.OrderByDescending(j => j.LastActivityAt)
            .Where(j => new JobRow(j, "completed", null).Matches(filter))
            .Select(j => j.Id.Value)
            .ToArray();

    private string[] ShownIds() => _tui!.ListRows(40)
        .Where(r => r.Contains(" steps (", StringComparison.Ordinal))
        .Select(r => r[(r.IndexOf(" steps (", StringComparison.Ordinal) + 8)..r.IndexOf(')', StringComparison.Ordinal)])
        .ToArray();

    /// <summary>Injects keys and applies what they posted, without waiting for reads held at the gate.</summary>
    private async Task PressHeldAsync(params Key[] keys)
    {
        foreach (var key in keys)
        {
            _tui!.App.InjectKey(key);
            await Task.Delay(20);
            _tui.Dispatcher.Drain();
            _tui.App.LayoutAndDraw();
        }
    }

    private async Task DrainUntilAsync(Func<bool> shown) => (await _tui!.DrainUntilAsync(shown)).Should().BeTrue(_tui.Screen());

    /// <summary>The file store's run settings, their reads held (for every job, or one) until <see cref="Open"/>.</summary>
    private sealed class GatedRunSettings
    {
        private TaskCompletionSource _open = Opened();
        private HashSet<JobId>? _only;

        public IRunSettingStore Over(IRunSettingStore inner) => new Store(inner, this);

        public void Close(params JobId[] only)
        {
            _only = only.Length == 0 ? null : [.. only];
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Open() => _open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        private sealed class Store(IRunSettingStore inner, GatedRunSettings gate) : IRunSettingStore
        {
            public Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default) => inner.SaveAsync(setting, cancellationToken);

            public async Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
            {
                if (gate._only is not { } only || only.Contains(jobId))
                {
                    await gate._open.Task.ConfigureAwait(false);
                }

                return await inner.GetAsync(jobId, runId, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
