using FluentAssertions;
using Perstack.App.Tui.Shell;
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
        screen.Should().Contain("Keys (Esc closes)").And.Contain("Job History (this screen)").And.Contain("Ctrl+F     search").And.Contain("t          title");

        await _tui.PressAsync(Key.Esc);

        _tui.Workbench.IsHelpOpen.Should().BeFalse();
        _tui.Workbench.Screen.Should().Be(Screen.History, "Esc closes the overlay only");
        _tui.Screen().Should().NotContain("Keys (Esc closes)");
        await _tui.PressAsync(Key.C);
        _tui.Workbench.Screen.Should().Be(Screen.Checkpoints, "the list has the keys again");
    }
}
