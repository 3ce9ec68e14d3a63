using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Transcript;

/// <summary>v (view transcript) on the checkpoints and events screens: the conversation up to a checkpoint as text, in a pager.</summary>
public sealed class TranscriptTests
{
    private const string Interactive = "gf13yre28vrnvqtt96gqls80";
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task V_on_a_checkpoint_shows_its_conversation_as_text_and_Esc_returns_to_it()
    {
        _tui = await TuiHarness.StartAsync(width: 120, height: 40);
        await _tui.PressAsync(Key.CursorDown, Key.C, Key.End);
        var last = (await _tui.Stores.Checkpoints.ListAsync(JobId.Parse(Interactive))).Items.Single(c => c.StepNumber == 4);

        await _tui.PressAsync(Key.V);

        _tui.Workbench.Screen.Should().Be(Screen.Transcript);
        _tui.Rows()[1].Should().StartWith($"Transcript of Step 4 ({last.Id})  (line 1 of ");
        var rows = _tui.Rows();
        rows.Should().ContainInOrder(
            $"fake-interactive up to step 4: checkpoint {last.Id}, completed, 1300 tokens (in 1200, out 100)",
            "── User ──",
            "Ask me something",
            "── Expert fake-interactive ──",
            "? askUser asks: Fake question: may I proceed?",
            "── Tool results ──");
        rows.Should().Contain(r => r.StartsWith("← askUser: ", StringComparison.Ordinal));
        rows.Should().Contain(r => r.StartsWith("Fake final answer. Query was: 'Ask me something'.", StringComparison.Ordinal));
        rows.Should().NotContain(r => r.Contains("You are Perstack", StringComparison.Ordinal), "the instruction is configuration, not conversation");

        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        _tui.Workbench.List.SelectedItem.Should().Be(3, "the checkpoint we came from stays selected");
    }

    [Test]
    public async Task V_on_the_events_screen_shows_the_transcript_of_their_checkpoint_and_y_copies_it()
    {
        _tui = await TuiHarness.StartAsync(width: 120, height: 40);
        // The cursor starts on the latest checkpoint: Home goes to step 1, the one stopped at the question.
        await _tui.PressAsync(Key.CursorDown, Key.C, Key.Home, Key.E);

        await _tui.PressAsync(Key.V);

        _tui.Workbench.Screen.Should().Be(Screen.Transcript);
        var page = _tui.Workbench.TranscriptPage;
        page.Lines.Should().Contain("? askUser asks: Fake question: may I proceed?").And.NotContain(l => l.StartsWith("── Tool results", StringComparison.Ordinal), "step 1 stopped at the question");
        await _tui.PressAsync(Key.Y);
        _tui.Screen().Should().Contain($"1 transcript: {page.Lines.Count} lines, {page.Text.Length} characters");
        await _tui.PressAsync(new Key('1'));
        _tui.Clipboard.GetClipboardData().Should().Be(page.Text);

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("proceed");
        _tui.Screen().Should().Contain("match 1 of 1 for \"proceed\"");
        await _tui.PressAsync(Key.Enter, Key.B);
        _tui.Workbench.Screen.Should().Be(Screen.Transcript, "b first clears the search");
        await _tui.PressAsync(Key.B);
        _tui.Workbench.Screen.Should().Be(Screen.Events);
    }

    [Test]
    public async Task V_is_not_offered_when_the_filter_leaves_no_checkpoint()
    {
        _tui = await TuiHarness.StartAsync(width: 120, height: 40);
        await _tui.PressAsync(Key.CursorDown, Key.C);
        _tui.Screen().Should().Contain("v view transcript");

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("zzzz");

        _tui.Rows()[1].Should().Contain("(0 of 4 checkpoints");
        _tui.Screen().Should().NotContain("e events").And.NotContain("v view transcript", "there is no checkpoint to show");
    }
}
