using FluentAssertions;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>The list keys on an empty list do nothing (Home and g ended the workbench: Terminal.Gui's MoveHome needs a row).</summary>
public sealed class PaintedListViewTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task Home_g_end_and_G_on_an_empty_list_leave_it_empty()
    {
        _tui = await TuiHarness.StartAsync(width: 140, height: 40);
        await _tui.TypeAsync("/no-job-has-this");
        await _tui.PressAsync(Key.Enter);
        _tui.Workbench.List.Source!.Count.Should().Be(0);
        _tui.Workbench.List.HasFocus.Should().BeTrue();

        await _tui.PressAsync(Key.Home, Key.G, Key.End, Key.G.WithShift, Key.Home.WithShift, Key.J, Key.K);

        _tui.Workbench.List.SelectedItem.Should().BeNull();
        _tui.Screen().Should().Contain("No job matches the filter.");
    }
}
