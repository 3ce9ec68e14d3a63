using System.Globalization;
using FluentAssertions;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.EventDetail;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Shell;

/// <summary>The selection phase of <c>perstack start</c>, headless, on a copy of the fixture history.</summary>
public sealed class WorkbenchTests
{
    private TuiHarness _tui = null!;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private static string Local(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static readonly string[] HistoryRowsExpected =
    [
        "fake-basic - 2 steps (job-fixed-0001)",
        "fake-interactive - 4 steps (gf13yre28vrnvqtt96gqls80)",
        "fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)",
        "fake-coordinator - 3 steps (r5fwacdzy063tewk7tqaxskw)",
        "fake-writer - 5 steps (zx1gh1dxk13tzk3lx8vtxyt9)",
    ];

    /// <summary>The rows' exact heads (<c>expertKey - N steps (jobId)</c>); each row ends with its status.</summary>
    private string[] ListHeads(int count)
    {
        var rows = _tui!.ListRows(count);
        rows.Should().OnlyContain(r => r.EndsWith("✓ completed", StringComparison.Ordinal));
        return rows.Select(r => r[..(r.IndexOf(" steps (", StringComparison.Ordinal) + 8)] + r[(r.IndexOf(" steps (", StringComparison.Ordinal) + 8)..].Split(')')[0] + ")").ToArray();
    }

    [Test]
    public async Task History_is_the_first_screen_with_exact_rows_newest_first_status_and_tokens()
    {
        _tui = await TuiHarness.StartAsync();

        _tui.Workbench.Screen.Should().Be(Screen.History);
        var rows = _tui.Rows();
        rows[1].Should().StartWith("Job History  (5 jobs)");
        ListHeads(5).Should().Equal(HistoryRowsExpected);
        var screen = _tui.Screen();
        screen.Should().Contain("Enter resume").And.Contain("c checkpoints").And.Contain("n new run").And.Contain("y copy")
            .And.Contain("d delete").And.Contain("/ filter").And.Contain("r refresh").And.Contain("q quit");
        screen.Should().Contain("job-fixed-0001 · ✓ completed · 2 min ago · 825 tokens (in 750, out 75)", "the info line describes the selected job");
    }

    [Test]
    public async Task Arrow_keys_move_the_selection_and_End_Home_jump()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.CursorDown);
        _tui.Workbench.List.SelectedItem.Should().Be(1);
        await _tui.PressAsync(Key.End);
        _tui.Workbench.List.SelectedItem.Should().Be(4);
        _tui.Screen().Should().Contain("fake-writer · 2550 tokens".Replace("fake-writer · ", "", StringComparison.Ordinal));
        await _tui.PressAsync(Key.Home);
        _tui.Workbench.List.SelectedItem.Should().Be(0);
        await _tui.PressAsync(Key.PageDown);
        _tui.Workbench.List.SelectedItem.Should().Be(4);
    }

    [Test]
    public async Task C_opens_the_checkpoints_of_the_job_with_exact_rows_and_b_goes_back()
    {
        _tui = await TuiHarness.StartAsync();
        var listing = await _tui.Stores.Checkpoints.ListAsync(JobId.Parse("job-fixed-0001"));

        await _tui.PressAsync(Key.C);

        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        _tui.Rows()[1].Should().StartWith("Checkpoints of fake-basic (job-fixed-0001)  (2 checkpoints)");
        _tui.ListRows(2).Should().Equal(listing.Items.Select(c => $"Step {c.StepNumber} ({c.Id})  {JobStatusText.Of(c.Status)}  fake-basic  {c.Usage.TotalTokens} tokens"));
        _tui.Screen().Should().Contain("Enter resume here").And.Contain("e events").And.Contain("b/Esc back");

        await _tui.PressAsync(Key.B);
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Workbench.List.SelectedItem.Should().Be(0, "the job we came from stays selected");

        await _tui.PressAsync(Key.CursorDown, Key.C, Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Workbench.List.SelectedItem.Should().Be(1);
    }

    [Test]
    public async Task E_lists_the_events_of_the_checkpoints_step_and_Enter_shows_the_payload_as_json()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.CursorDown, Key.CursorDown); // aajxt79vxz6vvwkfyltr74pc
        await _tui.PressAsync(Key.C, Key.Home);
        var checkpoints = await _tui.Stores.Checkpoints.ListAsync(JobId.Parse("aajxt79vxz6vvwkfyltr74pc"));
        var first = checkpoints.Items[0];
        var events = (await _tui.Stores.Events.ListAsync(first.JobId, first.RunId)).Items.Where(e => e.StepNumber == first.StepNumber).ToList();
        events.Should().NotBeEmpty();

        await _tui.PressAsync(Key.E);

        _tui.Workbench.Screen.Should().Be(Screen.Events);
        _tui.Rows()[1].Should().StartWith($"Events of Step {first.StepNumber} ({first.Id})");
        _tui.ListRows(events.Count).Should().Equal(events.Select(e => $"[{e.Type}] Step {e.StepNumber} ({Local(e.Timestamp)})"));

        await _tui.PressAsync(Key.Enter);

        _tui.Workbench.Screen.Should().Be(Screen.EventDetail);
        var screen = _tui.Screen();
        screen.Should().Contain($"Event Detail: [{events[0].Type}] Step {events[0].StepNumber}");
        screen.Should().Contain($"\"type\": \"{events[0].Type}\"").And.Contain("\"jobId\": \"aajxt79vxz6vvwkfyltr74pc\"");

        await _tui.PressAsync(Key.B);
        _tui.Workbench.Screen.Should().Be(Screen.Events);
        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
    }

    [Test]
    public async Task The_event_detail_of_a_tool_call_shows_the_tool_calls_and_usage()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.CursorDown, Key.CursorDown, Key.C, Key.Home, Key.E);
        int callTools = IndexOfRow("[callTools]");
        callTools.Should().BeGreaterThanOrEqualTo(0);
        for (int i = 0; i < callTools; i++)
        {
            await _tui.PressAsync(Key.CursorDown);
        }

        await _tui.PressAsync(Key.Enter);

        _tui.Screen().Should().Contain("\"toolCalls\": [").And.Contain("\"toolName\": \"think\"").And.NotContain("\"usage\": {");
        await _tui.PressAsync(Key.End);
        _tui.Screen().Should().Contain("\"usage\": {", "the detail scrolls").And.Contain("\"totalTokens\":");
        JsonColors.Classify("  \"key\": \"value\", 12, true").Should().ContainInOrder(JsonToken.Key, JsonToken.String, JsonToken.Number, JsonToken.Literal);
    }

    private int IndexOfRow(string prefix) => Array.FindIndex(_tui.ListRows(20), r => r.StartsWith(prefix, StringComparison.Ordinal));

    [Test]
    public async Task Slash_filters_as_you_type_and_Esc_clears_the_filter()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("fake-b");

        _tui.Rows()[1].Should().StartWith("Job History  (2 of 5 jobs, filter: fake-b)");
        ListHeads(2).Should().Equal(HistoryRowsExpected[0], HistoryRowsExpected[2]);

        await _tui.PressAsync(Key.Enter);
        await _tui.PressAsync(Key.CursorDown);
        _tui.Workbench.List.SelectedItem.Should().Be(1, "Enter keeps the filter and returns to the list");
        await _tui.PressAsync(Key.C);
        _tui.Rows()[1].Should().Contain("(aajxt79vxz6vvwkfyltr74pc)");

        await _tui.PressAsync(Key.B, new Key('/'));
        await _tui.TypeAsync("gf13");
        ListHeads(1).Should().Equal(HistoryRowsExpected[1]);
        await _tui.PressAsync(Key.Esc);
        ListHeads(5).Should().Equal(HistoryRowsExpected);
    }

    [Test]
    public async Task Y_copies_the_job_id_through_osc52_and_the_clipboard()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.Y);
        _tui.Workbench.IsMenuOpen.Should().BeTrue();
        _tui.Screen().Should().Contain("1 job id: job-fixed-0001").And.Contain("2 command: perstack run fake-basic \"<query>\" --continue-job job-fixed-0001");

        await _tui.PressAsync(Key.Enter);

        _tui.Workbench.IsMenuOpen.Should().BeFalse();
        _tui.Clipboard.GetClipboardData().Should().Be("job-fixed-0001");
        _tui.Output.Written.Should().Equal("\u001b]52;c;am9iLWZpeGVkLTAwMDE=\u0007");
        _tui.Screen().Should().Contain("Copied job id: job-fixed-0001");
    }

    [Test]
    public async Task Y_on_a_checkpoint_copies_the_checkpoint_id_or_the_full_resume_command()
    {
        _tui = await TuiHarness.StartAsync();
        var checkpoint = (await _tui.Stores.Checkpoints.ListAsync(JobId.Parse("job-fixed-0001"))).Items[0];
        await _tui.PressAsync(Key.C, Key.Home);

        await _tui.PressAsync(Key.Y, Key.D2);
        _tui.Clipboard.GetClipboardData().Should().Be(checkpoint.Id.ToString());

        await _tui.PressAsync(Key.Y, Key.D3);
        var command = $"perstack run fake-basic \"<query>\" --continue-job job-fixed-0001 --resume-from {checkpoint.Id} --storage-path {_tui.Store} --config {_tui.ConfigPath}";
        _tui.Clipboard.GetClipboardData().Should().Be(command);
        _tui.Output.Written.Should().HaveCount(2).And.EndWith(ClipboardCopier.Osc52(command));
        _tui.Screen().Should().Contain($"Copied command: perstack run fake-basic \"<query>\" --continue-job job-fixed-0001 --resume-from {checkpoint.Id}", "as much as the message line holds");

        await _tui.PressAsync(Key.Y, Key.Esc);
        _tui.Workbench.IsMenuOpen.Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints, "Esc closes the menu only");
        _tui.Output.Written.Should().HaveCount(2);
    }

    [Test]
    public async Task D_deletes_the_job_after_confirmation_and_n_keeps_it()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.D);
        _tui.Screen().Should().Contain("Delete job job-fixed-0001?");
        await _tui.PressAsync(Key.N);
        Directory.Exists(Path.Combine(_tui.Store, "jobs", "job-fixed-0001")).Should().BeTrue();
        _tui.Screen().Should().Contain("Not deleted");

        await _tui.PressAsync(Key.D, Key.Y);

        Directory.Exists(Path.Combine(_tui.Store, "jobs", "job-fixed-0001")).Should().BeFalse();
        _tui.Screen().Should().Contain("Deleted job job-fixed-0001");
        _tui.Rows()[1].Should().StartWith("Job History  (4 jobs)");
        ListHeads(4).Should().Equal(HistoryRowsExpected.Skip(1));
    }

    [Test]
    public async Task Deleting_a_job_another_process_runs_is_refused_with_a_message()
    {
        _tui = await TuiHarness.StartAsync();
        using var held = _tui.Stores.Locks.Acquire(JobId.Parse("job-fixed-0001"));

        await _tui.PressAsync(Key.D);

        _tui.Workbench.IsMenuOpen.Should().BeFalse("refused before the confirmation");
        Directory.Exists(Path.Combine(_tui.Store, "jobs", "job-fixed-0001")).Should().BeTrue();
        _tui.Screen().Should().Contain("Job job-fixed-0001 is running; it cannot be deleted now");
    }

    [Test]
    public async Task Enter_on_a_job_resumes_its_latest_checkpoint_in_query_entry()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.Enter);

        _tui.Workbench.Screen.Should().Be(Screen.Query);
        var screen = _tui.Screen();
        var latest = (await _tui.Stores.Checkpoints.ListAsync(JobId.Parse("job-fixed-0001"))).Items.Single(c => c.StepNumber == 2);
        screen.Should().Contain($"Expert: fake-basic (resuming from step 2, checkpoint {latest.Id})", "the resume point names its checkpoint")
            .And.Contain("Job: job-fixed-0001")
            .And.Contain("Query:").And.Contain("Press Enter to start");

        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.History);
    }

    [Test]
    public async Task Enter_on_a_checkpoint_resumes_from_it()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.End, Key.C, Key.Home, Key.CursorDown, Key.CursorDown);

        await _tui.PressAsync(Key.Enter);

        _tui.Workbench.Screen.Should().Be(Screen.Query);
        var step3 = (await _tui.Stores.Checkpoints.ListAsync(JobId.Parse("zx1gh1dxk13tzk3lx8vtxyt9"))).Items.Single(c => c.StepNumber == 3);
        _tui.Workbench.QueryHeading.Should().Be($"Expert: fake-writer (resuming from step 3, checkpoint {step3.Id})\nJob: zx1gh1dxk13tzk3lx8vtxyt9");
        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
    }

    [Test]
    public async Task N_lists_configured_then_recent_experts_and_i_types_a_key()
    {
        _tui = await TuiHarness.StartAsync(configured: ["fake-writer", "my-new-expert"]);

        await _tui.PressAsync(Key.N);

        _tui.Workbench.Screen.Should().Be(Screen.Experts);
        _tui.ListRows(5).Should().Equal(
            "fake-writer [config]",
            "my-new-expert [config]",
            "fake-basic [recent]",
            "fake-interactive [recent]",
            "fake-coordinator [recent]");
        _tui.Screen().Should().Contain("i type a key").And.Contain("h history");

        await _tui.PressAsync(Key.CursorDown, Key.Enter);
        _tui.Workbench.QueryHeading.Should().Be("Expert: my-new-expert");
        await _tui.PressAsync(Key.Esc, Key.I);
        await _tui.TypeAsync("typed-expert");
        await _tui.PressAsync(Key.Enter);
        _tui.Workbench.Screen.Should().Be(Screen.Query);
        _tui.Workbench.QueryHeading.Should().Be("Expert: typed-expert");
    }

    [Test]
    public async Task Without_perstack_toml_the_experts_are_the_recent_ones_and_the_reason_is_shown()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.N);

        _tui.ListRows(4).Should().Equal("fake-basic [recent]", "fake-interactive [recent]", "fake-coordinator [recent]", "fake-writer [recent]");
        _tui.Screen().Should().Contain("perstack.toml not found");
        await _tui.PressAsync(Key.H);
        _tui.Workbench.Screen.Should().Be(Screen.History);
    }

    [Test]
    public async Task An_empty_history_starts_on_the_experts_list()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: ["solo"]);

        _tui.Workbench.Screen.Should().Be(Screen.Experts);
        _tui.ListRows(1).Should().Equal("solo [config]");
    }

    [Test]
    public async Task A_corrupt_job_is_a_flagged_row_with_the_reason()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: true);
        var broken = Path.Combine(_tui.Store, "jobs", "broken-job");
        Directory.CreateDirectory(broken);
        await File.WriteAllTextAsync(Path.Combine(broken, "job.json"), "{ not json");

        await _tui.PressAsync(Key.R);

        _tui.Rows()[1].Should().StartWith("Job History  (6 jobs)");
        var row = _tui.ListRows(1)[0];
        row.Should().StartWith("⚠ corrupt job broken-job: 'n' is an invalid start of a property name.");
        _tui.Workbench.List.SelectedItem.Should().Be(1, "a refresh keeps the selected job");
        await _tui.PressAsync(Key.Home, Key.Enter);
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Screen().Should().Contain("This job cannot be read:");
    }

    [Test]
    public async Task A_change_on_disk_reloads_the_history()
    {
        _tui = await TuiHarness.StartAsync();
        var job = await _tui.Stores.Jobs.GetAsync(JobId.Parse("job-fixed-0001"));
        await _tui.Stores.Jobs.SaveAsync(job! with { Id = JobId.Parse("job-newer"), StartedAt = job.StartedAt + 1000, UpdatedAt = job.LastActivityAt + 1000 });

        _tui.Workbench.OnStoreChanged();
        await _tui.SettleAsync();

        _tui.ListRows(1)[0].Should().StartWith("fake-basic - 2 steps (job-newer)");
    }

    [Test]
    public async Task Q_and_ctrl_c_quit()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.Q);
        _tui.Workbench.IsQuitRequested.Should().BeTrue();
    }

    [Test]
    public async Task Ctrl_c_quits_even_from_the_filter_box()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(new Key('/'));
        await _tui.PressAsync(Key.C.WithCtrl);
        _tui.Workbench.IsQuitRequested.Should().BeTrue();
    }

    [Test]
    public async Task It_fits_80x24_with_the_status_bar()
    {
        _tui = await TuiHarness.StartAsync(width: 80, height: 24);

        var lines = _tui.Lines();
        lines.Should().HaveCount(25);
        _tui.Screen().Should().Contain("(job-fixed-0001)").And.Contain("q quit");

        _tui.App.Driver!.SetScreenSize(100, 30);
        _tui.Screen().Should().Contain("fake-writer - 5 steps (zx1gh1dxk13tzk3lx8vtxyt9)");
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task Without_a_terminal_start_prints_a_message_and_exits_1()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "perstack"));

        var result = await PerstackProcess.RunAsync(temp.Path, (IReadOnlyDictionary<string, string>?)null, "start", "--storage-path", Path.Combine(temp.Path, "perstack"));

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("perstack start needs an interactive terminal; use perstack run");
        result.Output.Should().BeEmpty();
    }

}
