using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Runs;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>The execution screen's one hint line from a narrow terminal to a wide one.</summary>
public sealed class ExecutionLayoutTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [TestCase(60, 20, new[] { "Esc/q back to history", "Ctrl+C cancel the run", "?/F1 help" }, new[] { "Tab continue box" })]
    [TestCase(140, 40, new[] { "Esc/q back to history", "Ctrl+C cancel the run", "y copy job id", "Tab continue box", "?/F1 help" }, new string[0])]
    public async Task The_hint_line_keeps_the_help_key_when_the_others_do_not_fit(int width, int height, string[] shown, string[] left)
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(
            width,
            height,
            copyFixture: false,
            launcher: stores => RunLaunchers.For(stores, new RunOverrides { WorkingDirectory = workspace.Directory }, () => new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey }),
            intent: new StartIntent("fake-basic", "Say hello", null));
        _tui.Workbench.Execution.IsContinueBoxVisible.Should().BeTrue();

        await _tui.PressAsync(Key.Tab); // from the continue box to the log: the log's keys

        var hints = _tui.Rows().Last(r => r.Trim().Length > 0 && !r.StartsWith('└'));
        foreach (var hint in shown)
        {
            hints.Should().Contain(hint);
        }

        foreach (var hint in left)
        {
            hints.Should().NotContain(hint, "it gives way to the help key, which lists it");
        }
    }
}
