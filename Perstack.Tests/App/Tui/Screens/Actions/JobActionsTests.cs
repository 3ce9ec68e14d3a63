using System.Text.Json;
using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Actions;

/// <summary>Rename, fork, export, delete and copy from the History and Checkpoints screens, on the real driver.</summary>
public sealed class JobActionsTests
{
    private static readonly JobId Fixed = JobId.Parse("job-fixed-0001");
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task T_titles_the_selected_job_as_jobs_title_does()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.T);
        _tui.Screen().Should().Contain("Title: ");
        await _tui.TypeAsync("payments-debug");
        await _tui.PressAsync(Key.Enter);

        (await _tui.Stores.Jobs.GetAsync(Fixed))!.Title.Should().Be("payments-debug");
        _tui.Screen().Should().Contain("Titled job-fixed-0001 «payments-debug»");
        _tui.Workbench.Screen.Should().Be(Screen.History);
    }

    [Test]
    public async Task T_on_the_checkpoints_screen_titles_the_job_too_and_v_is_the_transcript()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.C);
        _tui.Screen().Should().Contain("t title").And.Contain("v view transcript");

        await _tui.PressAsync(Key.T);
        _tui.Screen().Should().Contain("Title: ");
        await _tui.TypeAsync("from-checkpoints");
        await _tui.PressAsync(Key.Enter);

        (await _tui.Stores.Jobs.GetAsync(Fixed))!.Title.Should().Be("from-checkpoints");
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        await _tui.PressAsync(Key.V);
        _tui.Workbench.Screen.Should().Be(Screen.Transcript);
    }

    [Test]
    public async Task A_running_job_offers_neither_title_nor_delete_and_d_is_refused_before_any_confirmation()
    {
        _tui = await TuiHarness.StartAsync();
        _tui.Screen().Should().Contain("t title").And.Contain("d delete");
        using var held = _tui.Stores.Locks.Acquire(Fixed);
        await _tui.PressAsync(Key.CursorDown, Key.CursorUp);

        _tui.Screen().Should().NotContain("t title").And.NotContain("d delete").And.Contain("x export");

        await _tui.PressAsync(Key.D);
        _tui.Workbench.IsMenuOpen.Should().BeFalse("a running job is refused before the confirmation");
        _tui.Screen().Should().Contain("Job job-fixed-0001 is running; it cannot be deleted now");
        await _tui.PressAsync(Key.T);
        _tui.Screen().Should().NotContain("Title: ").And.Contain("Job job-fixed-0001 is running; it cannot be renamed now");
        Directory.Exists(Path.Combine(_tui.Store, "jobs", "job-fixed-0001")).Should().BeTrue();
    }

    [Test]
    public async Task F_on_a_checkpoint_forks_the_job_there_and_opens_the_new_job()
    {
        _tui = await TuiHarness.StartAsync();
        var first = (await _tui.Stores.Checkpoints.ListAsync(Fixed)).Items.OrderBy(c => c.StepNumber).First();
        await _tui.PressAsync(Key.C, Key.Home);

        await _tui.PressAsync(Key.F);

        var jobs = (await _tui.Stores.Jobs.ListAsync()).Items;
        var fork = jobs.Should().ContainSingle(j => j.ForkedFrom != null).Subject;
        fork.ForkedFrom!.CheckpointId.Should().Be(first.Id);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        _tui.Rows()[1].Should().Contain($"({fork.Id})");
        _tui.Screen().Should().Contain($"Forked job-fixed-0001 at step {first.StepNumber} ({first.Id}) into {fork.Id}");
    }

    [TestCase("md")]
    [TestCase("json")]
    public async Task X_exports_the_job_as_jobs_export_does(string format)
    {
        _tui = await TuiHarness.StartAsync();
        var path = Path.Combine(Path.GetDirectoryName(_tui.Store)!, "export." + format);

        await _tui.PressAsync(Key.X);
        _tui.Screen().Should().Contain("Export to (.md or .json): job-fixed-0001.md");
        await ClearInputAsync();
        await _tui.TypeAsync(path);
        await _tui.PressAsync(Key.Enter);

        var text = await File.ReadAllTextAsync(path);
        if (format == "json")
        {
            JsonDocument.Parse(text).RootElement.GetProperty("job").GetProperty("id").GetString().Should().Be("job-fixed-0001");
        }
        else
        {
            text.Should().StartWith("# Job job-fixed-0001").And.Contain("## Conversation");
        }

        _tui.Screen().Should().Contain($"Exported job-fixed-0001 as {(format == "json" ? "JSON" : "markdown")} to {path}");

        await _tui.PressAsync(Key.X);
        await ClearInputAsync();
        await _tui.TypeAsync(path);
        await _tui.PressAsync(Key.Enter);
        _tui.Screen().Should().Contain($"{path} exists: replace it?");
        await _tui.PressAsync(Key.N);
        _tui.Screen().Should().Contain("Not exported");
    }

    [Test]
    public async Task D_on_the_checkpoints_screen_deletes_the_job_after_confirmation()
    {
        _tui = await TuiHarness.StartAsync();
        await _tui.PressAsync(Key.C);

        await _tui.PressAsync(Key.D);
        _tui.Screen().Should().Contain("Delete job job-fixed-0001?");
        await _tui.PressAsync(Key.Y);

        Directory.Exists(Path.Combine(_tui.Store, "jobs", "job-fixed-0001")).Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Screen().Should().Contain("Deleted job job-fixed-0001");
    }

    private async Task ClearInputAsync()
    {
        await _tui!.PressAsync(Key.End);
        await _tui.PressAsync([.. Enumerable.Repeat(Key.Backspace, 40)]);
    }

    [Test]
    public async Task The_copied_resume_command_carries_the_storage_path_and_config_the_workbench_runs_with()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(Key.Y, Key.D2);

        _tui.Clipboard.GetClipboardData().Should().Be(
            $"perstack run fake-basic \"<query>\" --continue-job job-fixed-0001 --storage-path {_tui.Store} --config {_tui.ConfigPath}");
    }
}
