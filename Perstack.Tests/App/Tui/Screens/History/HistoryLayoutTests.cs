using FluentAssertions;
using Perstack.App.Tui.Screens.History;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>The windowed Job History: rows that say what a job is, the sort key, the fuzzy filter, the preview pane, every size.</summary>
public sealed class HistoryLayoutTests
{
    private const string Basic = "aajxt79vxz6vvwkfyltr74pc";
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private async Task TitleAsync(string id, string title)
    {
        var job = await _tui!.Stores.Jobs.GetAsync(JobId.Parse(id));
        await _tui.Stores.Jobs.SaveAsync(job! with { Title = title });
        await _tui.PressAsync(Key.R);
    }

    private string RowOf(string id) => _tui!.ListRows(10).Select(l => l.Split('│')[0]).Single(l => l.Contains($" steps ({id})", StringComparison.Ordinal));

    [Test]
    public async Task A_title_set_with_jobs_title_is_shown_in_the_row_and_matched_by_the_filter()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        await TitleAsync(Basic, "payments-debug");

        RowOf(Basic).Should().Contain("fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)").And.Contain("payments-debug");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("/payments".TrimStart('/'));

        _tui.Rows()[1].Should().StartWith("Job History  (1 of 5 jobs, filter: payments)");
        _tui.ListRows(1)[0].Should().StartWith("fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)");
    }

    [Test]
    public async Task A_row_is_the_exact_head_then_the_first_query_the_time_since_the_last_activity_and_the_status()
    {
        _tui = await TuiHarness.StartAsync(width: 250, height: 40);
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("aajxt");
        await _tui.PressAsync(Key.Enter);

        var row = _tui.ListRows(1)[0].Split('│')[0].TrimEnd();
        row.Should().MatchRegex(@"^fake-basic - 3 steps \(aajxt79vxz6vvwkfyltr74pc\) \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)  Stop early please +1450 tokens  3 min ago  ✓ completed$");
    }

    // A CJK character or an emoji takes two columns: counted as one, a title in them pushed the status off the row.
    [TestCase(160, "✓ completed")]
    [TestCase(120, "✓ completed")]
    [TestCase(60, "✓")]
    public async Task A_title_in_wide_characters_is_cut_by_columns_and_the_status_stays_on_the_row(int width, string status)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: 30);
        await TitleAsync(Basic, "日本語のタイトル：支払いのデバッグ🎉、とても長い説明がここに続きます");

        var row = RowOf(Basic).TrimEnd();

        row.Should().StartWith("fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)").And.EndWith(status);
        if (width > 60)
        {
            row.Should().Contain("日本語").And.Contain("…");
        }
    }

    [Test]
    public async Task A_title_with_a_bidirectional_override_cannot_reorder_the_row()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 30);
        await TitleAsync(Basic, "\u202Eevil title");

        var row = RowOf(Basic);

        row.Should().Contain("(aajxt79vxz6vvwkfyltr74pc)").And.Contain("\uFFFDevil title").And.NotContain("\u202E");
        row.TrimEnd().Should().EndWith("✓ completed");
    }

    // A combining mark painted in a cell of its own took a column the terminal does not give it (the status was cut to
    // "✓ complet"), and written alone it was added to the character already on screen, one more each time the row was
    // written again.
    [Test]
    public async Task Combining_marks_stay_on_their_character_and_the_status_on_the_row()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 30);
        await TitleAsync(Basic, "e\u0301\u0301\u0301 combining");
        var output = _tui.App.Driver!.GetOutput();
        string written = "";
        for (int i = 0; i < 6; i++)
        {
            await _tui.PressAsync(i < 3 ? Key.J : Key.K);
            written += output.GetLastOutput();
        }

        RowOf(Basic).TrimEnd().Should().EndWith("✓ completed").And.Contain("\u00E9\u0301\u0301 combining");
        written.Should().Contain("\u00E9\u0301\u0301", "the row was written again as the selection passed it");
        System.Text.RegularExpressions.Regex.Matches(written, "\u0301+").Select(m => written[m.Index - 1])
            .Should().OnlyContain(c => c == '\u00E9', "a mark is written with its character, never alone");
    }

    // tmux draws a joined sequence as one character two columns wide, other terminals as its parts: the row counts the
    // parts, so it writes them without the joiners; and a letter under hundreds of marks keeps a few.
    [Test]
    public async Task An_emoji_sequence_shows_as_its_parts_and_a_letter_keeps_a_few_of_its_marks()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 30);
        await TitleAsync(Basic, "\U0001F468\u200D\U0001F469\u200D\U0001F467 family Z" + string.Concat(Enumerable.Repeat("\u0336\u0301", 90)));
        var output = _tui.App.Driver!.GetOutput();
        await _tui.PressAsync(Key.J);
        string written = output.GetLastOutput();
        await _tui.PressAsync(Key.K);
        written += output.GetLastOutput();

        RowOf(Basic).TrimEnd().Should().EndWith("✓ completed").And.Contain("\U0001F468\U0001F469\U0001F467 family \u0179\u0336"); // Z with the acute composed (NFC)
        written.Should().Contain("\U0001F468\U0001F469\U0001F467").And.NotContain("\u200D");
        System.Text.RegularExpressions.Regex.Matches(written, "\u0179[\u0336\u0301]*").Select(m => m.Length).Should().NotBeEmpty().And.OnlyContain(length => length <= 16);
    }

    [Test]
    public async Task The_filter_is_fuzzy_and_marks_the_matched_letters()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        await TitleAsync(Basic, "payments-debug");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("pdbg");

        _tui.Rows()[1].Should().StartWith("Job History  (1 of 5 jobs, filter: pdbg)");
        var lines = _tui.Lines();
        int row = Array.FindIndex(lines, l => l.Contains("payments-debug", StringComparison.Ordinal) && l.Contains(" steps ", StringComparison.Ordinal));
        int col = lines[row].IndexOf("payments-debug", StringComparison.Ordinal);
        Style(row, col).Should().HaveFlag(TextStyle.Underline, "p is matched");
        Style(row, col + 1).Should().NotHaveFlag(TextStyle.Underline, "a is not");
        Style(row, col + "payments-".Length).Should().HaveFlag(TextStyle.Underline, "d is matched");
    }

    private TextStyle Style(int row, int col) => _tui!.App.Driver!.Contents![row, col].Attribute!.Value.Style;

    [Test]
    public async Task Rows_sort_by_last_activity_and_s_switches_to_start_time()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: []);
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("old-but-busy", startedAt: 1_000_000) with { UpdatedAt = 9_000_000 });
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("new-and-idle", startedAt: 5_000_000));
        await _tui.PressAsync(Key.H);

        _tui.ListRows(2).Select(r => r[..r.IndexOf(')', StringComparison.Ordinal)]).Should().Equal("my-expert - 3 steps (old-but-busy", "my-expert - 3 steps (new-and-idle");
        await _tui.PressAsync(Key.S);

        _tui.Rows()[1].Should().StartWith("Job History, by start time  (2 jobs)");
        _tui.ListRows(2).Select(r => r[..r.IndexOf(')', StringComparison.Ordinal)]).Should().Equal("my-expert - 3 steps (new-and-idle", "my-expert - 3 steps (old-but-busy");
        _tui.Workbench.Message.Should().Be("Sorted by start time (s: by last activity)");
        _tui.Workbench.List.SelectedItem.Should().Be(1, "the selected job stays selected");
    }

    [Test]
    public async Task J_k_g_and_G_move_like_the_arrows_home_and_end()
    {
        _tui = await TuiHarness.StartAsync();
        var list = _tui.Workbench.List;

        await _tui.PressAsync(Key.J, Key.J);
        list.SelectedItem.Should().Be(2);
        await _tui.PressAsync(Key.K);
        list.SelectedItem.Should().Be(1);
        await _tui.PressAsync(Key.G.WithShift);
        list.SelectedItem.Should().Be(4);
        await _tui.PressAsync(Key.G);
        list.SelectedItem.Should().Be(0);
    }

    [Test]
    public async Task The_preview_shows_title_query_status_last_messages_and_the_checkpoint_tree()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 50);
        await TitleAsync(Basic, "payments-debug");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("aajxt");
        await _tui.PressAsync(Key.Enter);

        var preview = _tui.Workbench.HistoryPreview;
        preview.Should().StartWith("payments-debug\naajxt79vxz6vvwkfyltr74pc  ✓ completed\nfake-basic · 3 steps · ");
        preview.Should().Contain("query: Stop early").And.Contain("\nLast messages\n").And.Contain("\nCheckpoints (3)\n  Step 1 (");
        preview.Should().MatchRegex(@"\n  fake-basic: .+\n");
        _tui.Screen().Should().Contain("payments-debug").And.Contain("Last messages");
    }

    [Test]
    public async Task A_keys_moved_rows_go_out_first_and_the_preview_is_filled_for_the_pass_that_follows()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        var first = _tui.Workbench.HistoryPreview;
        var output = _tui.App.Driver!.GetOutput();
        var second = _tui.ListRows(2)[1].Split('(', ')')[1];

        _tui.App.InjectKey(Key.J);

        _tui.Workbench.List.SelectedItem.Should().Be(1);
        output.GetLastOutput().Should().Contain(second, "the moved rows were written with the key (SelectionEcho)");
        _tui.Workbench.HistoryPreview.Should().NotBe(first).And.Contain(second, "then the preview was filled, before the pass");
    }

    [Test]
    public async Task Without_an_echo_the_keys_frame_shows_the_moved_cursor_before_the_preview_follows_it()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        var first = _tui.Workbench.HistoryPreview;
        _tui.App.ClearScreenNextIteration = true; // the screen is cleared and drawn whole in the next pass: no echo before it

        _tui.App.InjectKey(Key.J);
        _tui.Workbench.NeedsLayout.Should().BeFalse("moving the selection changes no size (the info line keeps its width)");
        _tui.App.LayoutAndDraw(); // the key's frame, before the main loop's timers run

        _tui.Workbench.List.SelectedItem.Should().Be(1);
        _tui.Workbench.HistoryPreview.Should().Be(first, "the preview is filled after the frame");
        await _tui.SettleAsync();
        _tui.Workbench.HistoryPreview.Should().NotBe(first).And.Contain(_tui.ListRows(2)[1].Split('(', ')')[1]);
    }

    [Test]
    public async Task Tab_and_shift_tab_move_the_focus_between_the_list_and_the_preview_and_esc_goes_back()
    {
        _tui = await TuiHarness.StartAsync(width: 160, height: 40);
        var list = _tui.Workbench.List;

        await _tui.PressAsync(Key.Tab);
        list.HasFocus.Should().BeFalse("the preview has the focus");
        await _tui.PressAsync(Key.Tab.WithShift);
        list.HasFocus.Should().BeTrue();
        await _tui.PressAsync(Key.Tab, Key.Esc);
        list.HasFocus.Should().BeTrue("Esc in the preview goes back to the list");
    }

    [TestCase(60, 20)]
    [TestCase(140, 40)]
    [TestCase(250, 70)]
    public async Task At_every_size_the_selected_jobs_id_and_status_are_on_screen(int width, int height)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: height);
        await TitleAsync(Basic, "a title long enough to be cut in the middle when the terminal is narrow, never the id");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("aajxt");
        await _tui.PressAsync(Key.Enter);

        var screen = _tui.Screen();
        _tui.ListRows(1)[0].Should().StartWith("fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)");
        screen.Should().Contain("aajxt79vxz6vvwkfyltr74pc · ✓ completed ·", "the info line names the selected job and its status");
        _tui.ListRows(1)[0].Should().Contain("✓", "the row keeps its status marker");
        _tui.Lines().Should().OnlyContain(l => l.Length <= width + 1);
        if (width >= 140)
        {
            _tui.ListRows(1)[0].Should().Contain("✓ completed");
        }
    }

    [Test]
    public async Task On_a_narrow_terminal_the_preview_is_below_the_list_and_beside_it_on_a_wide_one()
    {
        _tui = await TuiHarness.StartAsync(width: 80, height: 30);
        _tui.Workbench.HistoryPreviewBeside.Should().BeFalse();
        _tui.Lines().Should().Contain(l => l.Contains("Last messages", StringComparison.Ordinal));

        _tui.App.Driver!.SetScreenSize(160, 40);
        _tui.App.LayoutAndDraw(forceRedraw: true);
        _tui.Workbench.HistoryPreviewBeside.Should().BeTrue();
        _tui.Lines().Should().Contain(l => l.IndexOf("Last messages", StringComparison.Ordinal) > 80, "the preview is the right-hand pane");
    }

    [Test]
    public void The_last_messages_name_who_spoke_and_the_tools_called()
    {
        var lines = Perstack.App.Tui.Screens.Common.MessageLines.Last(
            [
                new InstructionMessage { Id = "i", Contents = [new TextPart { Id = "a", Text = "secret system prompt" }] },
                new UserMessage { Id = "u", Contents = [new TextPart { Id = "b", Text = "fix the\nparser" }] },
                new ExpertMessage { Id = "e", Contents = [new ToolCallPart { Id = "c", ToolCallId = "t", ToolName = "readFile", Args = System.Text.Json.JsonDocument.Parse("{\"path\":\"a.cs\"}").RootElement }] },
                new ToolMessage { Id = "t", Contents = [new ToolResultPart { Id = "d", ToolCallId = "t", ToolName = "readFile", Contents = [new TextPart { Id = "x", Text = "class A {}" }] }] },
                new ExpertMessage { Id = "f", Contents = [new TextPart { Id = "g", Text = "Done." }] },
            ],
            "coder",
            10);

        lines.Should().Equal("you: fix the parser", "→ readFile {\"path\":\"a.cs\"}", "← readFile: class A {}", "coder: Done.");
    }
}
