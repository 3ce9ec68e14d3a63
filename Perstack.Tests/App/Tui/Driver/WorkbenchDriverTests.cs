using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// The workbench's own driver in a real terminal: the real <c>perstack start</c> in a pseudo-terminal, keys typed at
/// it. Its input waits on the terminal instead of sleeping between polls, so this is the test that keys still arrive
/// (a help overlay opens and closes) and that quitting still ends the process (the wait released, the input loop ended).
/// </summary>
[TestFixture]
public sealed class WorkbenchDriverTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Test]
    [Category(TestCategories.ChildProcess)]
    public Task Keys_typed_in_a_real_terminal_reach_the_workbench_and_q_ends_it() => TypeAndQuitAsync(nativeBinary: null);

    /// <summary>The same with the Native AOT binary: the driver reaches Terminal.Gui through an accessor (see WorkbenchDriver).</summary>
    [Test]
    [Category(TestCategories.NativeAot)]
    public Task Keys_typed_in_a_real_terminal_reach_the_native_workbench_and_q_ends_it() => TypeAndQuitAsync(PerstackProcess.NativeBinaryOrIgnore());

    /// <summary>
    /// Terminal.Gui wrote "hide the cursor, move it home" on every pass of its main loop (12 bytes, 100 times a second),
    /// with nothing on screen changing; the workbench leaves a hidden cursor alone, and shows it in an input field.
    /// </summary>
    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task An_idle_workbench_sends_nothing_and_an_input_field_shows_the_cursor()
    {
        TerminalSession.RequireOrIgnore();
        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.Root, workspace.Store);
        using var terminal = TerminalSession.Start(workspace, ignoreHangup: false, "start");
        (await terminal.WaitForOutputAsync(" jobs)", Limit)).Should().BeTrue("the history's listing landed");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        int idle = terminal.OutputLength;
        await Task.Delay(TimeSpan.FromSeconds(1));
        (terminal.OutputLength - idle).Should().BeLessThan(24, "a second of an idle workbench sends nothing (it sent 1,200 bytes)");

        int before = terminal.OutputLength;
        await terminal.TypeAsync("/");
        (await terminal.WaitForOutputAsync("\u001b[?25h", Limit, before)).Should().BeTrue("the filter's input field shows the cursor");
        await terminal.TypeAsync("\u001b");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await terminal.TypeAsync("q");
        (await terminal.WaitForExitAsync(Limit)).Should().Be(0);
    }

    private static async Task TypeAndQuitAsync(string? nativeBinary)
    {
        TerminalSession.RequireOrIgnore();

        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.Root, workspace.Store);
        using var terminal = TerminalSession.StartWith(workspace, ignoreHangup: false, nativeBinary, "start");
        (await terminal.WaitForOutputAsync("(job-fixed-0001)", Limit)).Should().BeTrue("the history lists the fixture's jobs");

        int before = terminal.OutputLength;
        await terminal.TypeAsync("?");
        (await terminal.WaitForOutputAsync("Keys: F1 anywhere", Limit, before)).Should().BeTrue("? opens the help overlay");

        await terminal.TypeAsync("\u001b");
        // A key typed right after Esc reads as Alt+key, in any terminal program: a user's pause.
        await Task.Delay(TimeSpan.FromSeconds(1));

        // A copy reaches the terminal (OSC 52) and the system clipboard Terminal.Gui picked, and the workbench says so.
        before = terminal.OutputLength;
        await terminal.TypeAsync("y");
        (await terminal.WaitForOutputAsync("1 ", Limit, before)).Should().BeTrue("y offers what to copy");
        await terminal.TypeAsync("1");
        (await terminal.WaitForOutputAsync("\u001b]52;c;", Limit, before)).Should().BeTrue("the job id goes out as OSC 52");
        (await terminal.WaitForOutputAsync("Copied job id", Limit, before)).Should().BeTrue("and the workbench says so");
        await terminal.TypeAsync("q");

        (await terminal.WaitForExitAsync(Limit)).Should().Be(0, "q quits the workbench, and its input loop ends with it");
    }
}
