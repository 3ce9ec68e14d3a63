using System.Globalization;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// The workbench's terminal goes away (the tmux server killed, the window closed): the real <c>perstack start</c> in a
/// pseudo-terminal whose owner is killed. It must end on its own, promptly, with a run in progress recorded as stopped
/// and continuable: before, its input loop read end-of-file forever at half a core (orphans found spinning for hours).
/// Also with SIGHUP ignored (as under nohup), when only the terminal's hang-up tells. The time to exit is printed.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
[NonParallelizable]
public sealed class TerminalHangupTests : ReliabilityTest
{
    // Well under the workbench's last-resort exit (TerminalHangupWatch.Grace, 30 s): ending by that would fail here.
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    protected override string Family => "Signals";

    [TestCase(false, TestName = "The_workbench_ends_when_its_terminal_goes_away")]
    [TestCase(true, TestName = "The_workbench_ends_when_its_terminal_goes_away_with_SIGHUP_ignored")]
    public async Task The_workbench_ends_when_its_terminal_goes_away(bool ignoreHangup)
    {
        TerminalSession.RequireOrIgnore();

        int cases = 0;
        var times = new List<string>();

        // Browsing, no run.
        await using (var workspace = RunWorkspace.Create())
        {
            using var terminal = TerminalSession.Start(workspace, ignoreHangup, "start");
            await WaitForPidAsync(workspace);
            await Task.Delay(TimeSpan.FromSeconds(3)); // the workbench is up and reading its input
            TerminalSession.IsAlive(await terminal.PidAsync()).Should().BeTrue("the workbench runs before its terminal goes away (not a start that failed)");
            var took = await terminal.CloseTerminalAsync(ExitLimit);

            took.Should().NotBeNull($"perstack start (browsing{(ignoreHangup ? ", SIGHUP ignored" : "")}) must end when its terminal goes away");
            times.Add(string.Create(CultureInfo.InvariantCulture, $"browsing {took!.Value.TotalMilliseconds:F0} ms"));
            cases++;
        }

        // A run waiting for the LLM: recorded as stopped, then continued.
        await using (var workspace = RunWorkspace.Create())
        {
            workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var terminal = TerminalSession.Start(workspace, ignoreHangup, "start", "fake-basic", "Say hello");
            await workspace.Server.WaitForRequestsAsync(2, StartLimit);
            var took = await terminal.CloseTerminalAsync(ExitLimit);

            took.Should().NotBeNull("perstack start with a run must end when its terminal goes away");
            times.Add(string.Create(CultureInfo.InvariantCulture, $"run {took!.Value.TotalMilliseconds:F0} ms"));
            var stores = new Stores(workspace.Store);
            var job = (await stores.Jobs.ListAsync()).Items.Should().ContainSingle().Subject;
            job.Status.Should().Be(JobStatus.StoppedByError, "the run's stop is recorded before the workbench ends");
            var resumed = await workspace.RunAsync("run", "fake-basic", "Please finish", "--continue-job", job.Id.Value);
            resumed.ExitCode.Should().Be(0, resumed.Error);
            cases++;
        }

        TestContext.Progress.WriteLine($"terminal gone{(ignoreHangup ? " (SIGHUP ignored)" : "")}: exit after {string.Join(", ", times)}");
        Held(
            $"perstack start whose terminal goes away (pty owner killed{(ignoreHangup ? ", SIGHUP ignored" : "")})",
            cases,
            $"{cases} cases (browsing; a run waiting for the LLM): the workbench ended on its own within {ExitLimit.TotalSeconds:F0} s ({string.Join(", ", times)}); the run was recorded stoppedByError and then continued");
    }

    private static async Task WaitForPidAsync(RunWorkspace workspace)
    {
        var file = Path.Combine(workspace.Directory, ".tui.pid");
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < StartLimit && !File.Exists(file);)
        {
            await Task.Delay(50);
        }
    }
}
