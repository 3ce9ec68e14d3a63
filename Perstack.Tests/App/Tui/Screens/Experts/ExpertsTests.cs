using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Experts;

/// <summary>The new-run list: each configured expert with its description.</summary>
public sealed class ExpertsTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Each_configured_expert_shows_its_description_and_the_filter_matches_it()
    {
        _tui = await TuiHarness.StartAsync(
            configured: ["fake-basic", "fake-writer"],
            descriptions: new Dictionary<string, string> { ["fake-basic"] = "Says hello\nin two lines", ["fake-writer"] = "Writes a file" });

        await _tui.PressAsync(Key.N);

        _tui.Workbench.Screen.Should().Be(Screen.Experts);
        var rows = _tui.ListRows(6);
        rows[0].Should().Be("fake-basic [config]  Says hello in two lines");
        rows[1].Should().Be("fake-writer [config]  Writes a file");
        rows.Should().Contain(r => r.StartsWith("fake-interactive [recent]", StringComparison.Ordinal), "recent experts have no description");
        _tui.Screen().Should().Contain("│Says hello in two lines", "the info line describes the selected expert");

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("file");
        await _tui.PressAsync(Key.Enter);

        _tui.ListRows(2)[0].Should().Be("fake-writer [config]  Writes a file");
        _tui.Rows()[1].Should().Contain("1 of ");
    }
}
