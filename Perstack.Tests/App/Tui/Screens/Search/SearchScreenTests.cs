using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Search;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Search;

/// <summary>Ctrl+F: full-text search over every job's messages and tool results, on the real driver.</summary>
public sealed class SearchScreenTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Ctrl_F_finds_a_tool_result_line_and_Enter_opens_the_checkpoint_that_wrote_it()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.F.WithCtrl);
        _tui.Workbench.Screen.Should().Be(Screen.Search);
        _tui.Rows()[1].Should().Be("Search  (5 jobs indexed)");
        await _tui.TypeAsync("fake-output");

        var hit = _tui.Search.Search(SearchQuery.Parse("fake-output"), 10).Hits.Should().ContainSingle().Subject;
        _tui.Rows()[1].Should().Be("Search  (1 job matches; 5 jobs indexed)");
        _tui.ListRows(1)[0].Should().StartWith($"fake-writer (zx1gh1dxk13tzk3lx8vtxyt9) step {hit.StepNumber}: ").And.Contain("fake-output");
        _tui.Screen().Should().Contain("Search: fake-output");

        await _tui.PressAsync(Key.Enter, Key.Enter);

        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        _tui.Rows()[1].Should().Contain("(zx1gh1dxk13tzk3lx8vtxyt9)");
        _tui.Workbench.List.SelectedItem.Should().NotBeNull();
        _tui.Screen().Should().Contain($"Step {hit.StepNumber} ({hit.CheckpointId})");
    }

    [Test]
    public async Task Results_follow_every_keystroke_and_Esc_goes_back_to_the_history()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.F.WithCtrl);

        await _tui.TypeAsync("fake final");
        _tui.Rows()[1].Should().Be("Search  (5 jobs match; 5 jobs indexed)");
        await _tui.TypeAsync(" coordinate");
        _tui.Rows()[1].Should().Be("Search  (1 job matches; 5 jobs indexed)");
        _tui.ListRows(1)[0].Should().StartWith("fake-coordinator (r5fwacdzy063tewk7tqaxskw)").And.Contain("Coordinate some work");
        await _tui.TypeAsync(" nowhere");
        _tui.Rows()[1].Should().Be("Search  (0 jobs match; 5 jobs indexed)");

        await _tui.PressAsync(Key.Esc);

        _tui.Workbench.Screen.Should().Be(Screen.History);
    }

    [Test]
    public async Task Hostile_tool_results_neither_break_the_index_nor_reach_the_screen()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: []);
        var jobId = JobId.Parse("hostile-job");
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("hostile-job"));
        var evil = "needle \u001b]52;c;ZXZpbA==\u0007\u001b[2J\u202E\u0000\uDC00 " + new string('z', 200_000);
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 1, "ck-evil") with
        {
            Messages = [new ToolMessage { Id = "t1", Contents = [new ToolResultPart { Id = "r1", ToolCallId = "c1", ToolName = "exec", Contents = [new TextPart { Id = "p1", Text = evil }] }] }],
        });
        await _tui.PressAsync(Key.H, Key.F.WithCtrl);

        await _tui.TypeAsync("needle");

        _tui.Rows()[1].Should().Be("Search  (1 job matches; 1 job indexed)");
        var screen = _tui.Screen();
        screen.Should().Contain("my-expert (hostile-job) step 1: needle  ]52;c;ZXZpbA==").And.NotContainAny("\u001b", "\u0007", "\u202E", "\u0000");
        _tui.Lines().Should().OnlyContain(l => l.Length <= 121, "a 200,000-character line is drawn cut to the screen");
    }

    [Test]
    public async Task Each_hit_marks_every_occurrence_of_the_query_words_in_its_line_as_the_filter_marks_letters()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        await _tui.PressAsync(Key.F.WithCtrl);

        await _tui.TypeAsync("Fake-Output");

        _tui.Rows()[1].Should().StartWith("Search  (1 job matches;");
        var lines = _tui.Lines();
        int row = Array.FindIndex(lines, l => l.Contains("fake-writer (zx1gh1dxk13tzk3lx8vtxyt9) step ", StringComparison.Ordinal));
        row.Should().BeGreaterThan(0);
        int head = lines[row].IndexOf("fake-writer", StringComparison.Ordinal);
        int match = lines[row].IndexOf("fake-output", head + "fake-writer".Length, StringComparison.OrdinalIgnoreCase);
        _tui.StyleAt(row, head).Should().NotHaveFlag(TextStyle.Underline, "the row's head is not the matched text");
        _tui.StyleAt(row, match - 1).Should().NotHaveFlag(TextStyle.Underline);
        Enumerable.Range(match, "fake-output".Length).Should().OnlyContain(c => _tui.StyleAt(row, c).HasFlag(TextStyle.Underline) && _tui.StyleAt(row, c).HasFlag(TextStyle.Bold), "the match is marked, whatever its case");
        _tui.StyleAt(row, match + "fake-output".Length).Should().NotHaveFlag(TextStyle.Underline);
    }
}

