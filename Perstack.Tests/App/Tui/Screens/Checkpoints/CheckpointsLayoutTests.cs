using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Checkpoints;

/// <summary>The Checkpoints screen: the cursor where --continue-job resumes, the selected checkpoint's messages beside the tree.</summary>
public sealed class CheckpointsLayoutTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private async Task OpenAsync(int width, int height)
    {
        _tui = await TuiHarness.StartAsync(width: width, height: height, copyFixture: false, configured: []);
        var jobId = JobId.Parse("three-steps");
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("three-steps"));
        for (int step = 1; step <= 3; step++)
        {
            await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, step, $"ck-{step}"));
        }

        await _tui.PressAsync(Key.H, Key.C);
    }

    [Test]
    public async Task The_cursor_starts_on_the_latest_checkpoint_and_its_messages_show_beside_the_tree()
    {
        await OpenAsync(160, 40);

        _tui!.Workbench.List.SelectedItem.Should().Be(2);
        _tui.Workbench.CheckpointPreview.Should().StartWith("Step 3 (ck-3)  proceeding\nmy-expert · ").And.EndWith("\nyou: step 3\n");
        _tui.Lines().Should().Contain(l => l.IndexOf("you: step 3", StringComparison.Ordinal) > 80, "the messages are the right-hand pane");

        await _tui.PressAsync(Key.K);
        _tui.Workbench.CheckpointPreview.Should().EndWith("\nyou: step 2\n");
    }

    [TestCase(60, 20)]
    [TestCase(140, 40)]
    [TestCase(250, 70)]
    public async Task At_every_size_the_selected_checkpoints_id_and_status_are_on_screen(int width, int height)
    {
        await OpenAsync(width, height);

        var screen = _tui!.Screen();
        screen.Should().Contain("Step 3 (ck-3)").And.Contain("proceeding");
        _tui.Rows()[1].Should().Contain("(three-steps)", "the heading names the job whole");
    }

    [Test]
    public async Task Tab_moves_to_the_messages_and_esc_from_there_goes_back_to_the_tree_then_to_the_history()
    {
        await OpenAsync(160, 40);

        await _tui!.PressAsync(Key.Tab);
        _tui.Workbench.List.HasFocus.Should().BeFalse();
        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.List.HasFocus.Should().BeTrue();
        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Perstack.App.Tui.Shell.Screen.History);
    }
}
