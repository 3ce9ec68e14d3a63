using FluentAssertions;
using Perstack.App.Tui.Driver;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's configuration reaches the workbench in both builds: under the JIT its module initializer applies it;
/// the Native AOT binary empties that initializer and applies it when the workbench starts. A theme chosen in
/// <c>TUI_CONFIG</c> (one of the library's configuration sources, with <c>~/.tui/config.json</c>) shows in the frame.
/// </summary>
[TestFixture]
public sealed class TerminalGuiConfigurationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // The frame's colour in the library's "Green Phosphor" theme (its default theme draws the frame in the terminal's colour).
    private const string GreenPhosphorFrame = "\u001b[38;2;0;255;102m";

    [Test]
    public void Under_the_JIT_the_library_has_applied_it_before_any_test_ran()
    {
        TerminalGuiConfiguration.IsApplied.Should().BeTrue("the module initializer ran, and the field it is read from exists");

        TerminalGuiConfiguration.EnsureApplied();

        TerminalGuiConfiguration.IsApplied.Should().BeTrue();
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public Task A_theme_in_TUI_CONFIG_colours_the_workbench() => ThemedAsync(nativeBinary: null);

    [Test]
    [Category(TestCategories.NativeAot)]
    public Task A_theme_in_TUI_CONFIG_colours_the_native_workbench() => ThemedAsync(PerstackProcess.NativeBinaryOrIgnore());

    private static async Task ThemedAsync(string? nativeBinary)
    {
        TerminalSession.RequireOrIgnore();

        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.Root, workspace.Store);
        workspace.Environment["TUI_CONFIG"] = """{ "Theme": "Green Phosphor" }""";
        using var terminal = TerminalSession.StartWith(workspace, ignoreHangup: false, nativeBinary, "start");
        (await terminal.WaitForOutputAsync("(job-fixed-0001)", Limit)).Should().BeTrue("the history lists the fixture's jobs");

        (await terminal.WaitForOutputAsync(GreenPhosphorFrame, Limit)).Should().BeTrue("the frame is drawn in the chosen theme's colour");

        await terminal.TypeAsync("q");
        (await terminal.WaitForExitAsync(Limit)).Should().Be(0);
    }
}
