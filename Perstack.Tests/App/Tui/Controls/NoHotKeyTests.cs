using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// Underscores are shown as written in headings, the message line, menus and the hint line: Terminal.Gui takes the
/// first <c>_</c> of a label for a hotkey mark and hides it, and expert keys, job ids and titles contain them.
/// </summary>
public sealed class NoHotKeyTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Expert_keys_job_ids_titles_and_filters_with_underscores_are_shown_whole()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40, copyFixture: false, configured: []);
        var id = JobId.Parse("job_with_under_scores");
        await _tui.Stores.Jobs.SaveAsync(TestData.Job(id.Value) with { CoordinatorExpertKey = "my_expert" });
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(id, 1));
        await _tui.PressAsync(Key.H);

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("my_exp");
        await _tui.PressAsync(Key.Enter);
        _tui.Rows()[1].Should().StartWith("Job History  (1 job, filter: my_exp)", "the heading");

        await _tui.PressAsync(Key.C);
        _tui.Rows()[1].Should().StartWith("Checkpoints of my_expert (job_with_under_scores)", "the heading");

        await _tui.PressAsync(Key.T);
        await _tui.TypeAsync("payments_debug_v2");
        await _tui.PressAsync(Key.Enter);
        _tui.Screen().Should().Contain("Titled job_with_under_scores «payments_debug_v2»", "the message line");

        await _tui.PressAsync(Key.D);
        _tui.Screen().Should().Contain("Delete job job_with_under_scores?", "the menu's title");
        await _tui.PressAsync(Key.Esc);
    }
}
