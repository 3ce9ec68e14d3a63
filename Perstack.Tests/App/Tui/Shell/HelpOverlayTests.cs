using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Runs;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Shell;

/// <summary>The <c>?</c> overlay, generated from the key map.</summary>
public sealed class HelpOverlayTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public void The_help_lists_every_labelled_key_of_every_screen_from_the_key_map_this_screen_first()
    {
        var lines = HelpText.Lines(Screen.Checkpoints);

        lines[0].Should().Be("Checkpoints (this screen)");
        foreach (var (screen, keys) in KeyMap.Screens)
        {
            foreach (var key in keys.Where(k => k.KeyLabel is not null))
            {
                lines.Should().Contain(l => l.StartsWith($"  {key.KeyLabel!.PadRight(10)} {key.Hint}", StringComparison.Ordinal), $"{screen} binds {key.KeyLabel}");
            }
        }
    }

    [Test]
    public async Task Question_mark_opens_the_overlay_on_the_current_screen_and_Esc_closes_it()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(new Key('?'));

        _tui.Workbench.IsHelpOpen.Should().BeTrue();
        var screen = _tui.Screen();
        screen.Should().Contain("Keys: F1 anywhere, ? in lists; Esc closes").And.Contain("Job History (this screen)").And.Contain("Ctrl+F     search").And.Contain("t          title");

        await _tui.PressAsync(Key.Esc);

        _tui.Workbench.IsHelpOpen.Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.History, "Esc closes the overlay only");
        _tui.Screen().Should().NotContain("Keys: F1 anywhere");
        await _tui.PressAsync(Key.C);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints, "the list has the keys again");
    }

    [Test]
    public async Task On_query_entry_F1_opens_the_help_while_question_mark_is_typed_into_the_query()
    {
        _tui = await TuiHarness.StartAsync(intent: new StartIntent("fake-basic", null, null));
        _tui.Workbench.Screen.Should().Be(Screen.Query);
        _tui.Screen().Should().Contain("Enter start  Esc back  F1 help  Ctrl+C quit", "the hint line says how to get help");

        await _tui.TypeAsync("why?");

        _tui.Workbench.IsHelpOpen.Should().BeFalse("? is a character of the query");
        await _tui.PressAsync(Key.F1);
        _tui.Workbench.IsHelpOpen.Should().BeTrue();
        _tui.Screen().Should().Contain("Query entry (this screen)").And.Contain("F1         help");

        await _tui.PressAsync(Key.Esc);

        _tui.Workbench.IsHelpOpen.Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.Query, "Esc closes the overlay only");
        await _tui.TypeAsync("!");
        _tui.Screen().Should().Contain("Query: why?!", "the focus is back in the query field");
    }

    [Test]
    public async Task On_the_execution_screen_F1_opens_the_help_from_the_continue_box_and_question_mark_from_the_log()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(
            launcher: stores => RunLaunchers.For(stores, new RunOverrides { WorkingDirectory = workspace.Directory }, () => new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey }),
            copyFixture: false,
            intent: new StartIntent("fake-basic", "Say hello", null));
        _tui.Workbench.Execution.IsContinueBoxVisible.Should().BeTrue();
        _tui.Screen().Should().Contain("Enter send  Esc back to history  Tab/↑↓ log  F1 help");

        await _tui.TypeAsync("what?");
        _tui.Workbench.IsHelpOpen.Should().BeFalse("? is a character of the follow-up");
        await _tui.PressAsync(Key.F1);

        _tui.Workbench.IsHelpOpen.Should().BeTrue();
        _tui.Screen().Should().Contain("Execution (this screen)").And.Contain("?/F1       help");
        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.IsHelpOpen.Should().BeFalse();
        await _tui.TypeAsync("!");
        _tui.Screen().Should().Contain("what?!", "the focus is back in the continue box");

        await _tui.PressAsync(Key.Tab);
        _tui.Screen().Should().Contain("?/F1 help", "the log's hint line offers help");
        await _tui.PressAsync(new Key('?'));

        _tui.Workbench.IsHelpOpen.Should().BeTrue();
        await _tui.PressAsync(new Key('?'));
        _tui.Workbench.IsHelpOpen.Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.Execution);
    }
}
