using System.Globalization;
using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Runs;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>Runs started from the workbench: activity rows, follow-ups, delegation, interactive stops, errors.</summary>
public sealed class ExecutionControllerTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private static Func<Stores, IRunLauncher> Launcher(RunWorkspace workspace, string? apiKey = RunWorkspace.ApiKey) => stores =>
        RunLaunchers.For(
            stores,
            new RunOverrides { WorkingDirectory = workspace.Directory },
            () => apiKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = apiKey });

    [Test]
    public async Task An_expert_and_a_query_run_at_once_with_activity_rows_then_a_follow_up()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-basic", "Say hello", null));

        var panel = _tui.Workbench.Execution;
        _tui.Workbench.Screen.Should().Be(Screen.Execution);
        panel.ActivityLines[0].Should().Be("> Say hello");
        panel.ActivityLines.Should().ContainInOrder("● Think").And.Contain(l => l.StartsWith("└ ", StringComparison.Ordinal), "the thought hangs under its row");
        panel.ActivityLines[^1].Should().StartWith("✓ Run Results: ");
        panel.IsContinueBoxVisible.Should().BeTrue();
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");
        var jobId = panel.Final!.JobId;
        panel.StatusText.Should().Contain("fake-basic").And.Contain("claude-sonnet-4-5").And.Contain("completed").And.Contain("step 2").And.Contain($"job {jobId}");
        var screen = _tui.Screen();
        screen.Should().Contain("> Say hello").And.Contain("Completed - Enter a follow-up query");
        await _tui.PressAsync(Key.Enter);
        _tui.Screen().Should().Contain("Nothing sent: type a follow-up, or Esc to go back", "an empty Enter says why nothing happens");
        panel.ActivityLines.Count(l => l.StartsWith("> ", StringComparison.Ordinal)).Should().Be(1);

        await _tui.TypeAsync("And again");
        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines.Should().Contain("> And again");
        panel.Final!.JobId.Should().Be(jobId, "a follow-up continues the same job");
        panel.Final.StepNumber.Should().BeGreaterThan(2);
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");

        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Rows()[1].Should().StartWith("Job History  (1 job)");
    }

    [Test]
    public async Task A_delegation_is_indented_under_its_header()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-coordinator", "Coordinate some work", null));

        var lines = _tui.Workbench.Execution.ActivityLines;
        lines.Should().ContainSingle(l => l.StartsWith("● fake-worker {", StringComparison.Ordinal), "the delegate's tool call is one row");
        lines.Should().NotContain("● Completion", "an accepted completion says so").And.Contain("● Completion Accepted");
        lines.Should().Contain("[fake-worker] Delegated by [fake-coordinator]");
        lines.Should().Contain(l => l.StartsWith("  ✓ Delegation Complete: ", StringComparison.Ordinal));
        lines[^1].Should().StartWith("✓ Run Results: ");
    }

    [Test]
    public async Task An_interactive_stop_asks_the_question_and_the_answer_continues_the_run()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-interactive", "Ask me something", null));

        var panel = _tui.Workbench.Execution;
        panel.ActivityLines.Should().Contain("? askUser asks: Fake question: may I proceed?", "the question in words, not its JSON");
        panel.ContinueLabel.Should().Be("Stopped - askUser asks: Fake question: may I proceed? - type the answer");
        _tui.Screen().Should().Contain("? askUser asks: Fake question: may I proceed?").And.NotContain("{\"question\"");

        await _tui.TypeAsync("blue");
        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines.Should().Contain("> Answer: blue");
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");
    }

    [Test]
    public async Task Browsing_needs_no_api_key_and_a_missing_key_is_shown_in_the_ui()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(launcher: Launcher(workspace, apiKey: null));

        await _tui.PressAsync(Key.N, Key.I);
        await _tui.TypeAsync("fake-basic");
        await _tui.PressAsync(Key.Enter);
        await _tui.TypeAsync("hello");
        await _tui.PressAsync(Key.Enter);

        var panel = _tui.Workbench.Execution;
        panel.ActivityLines[^1].Should().Be("✗ ANTHROPIC_API_KEY is not set");
        panel.ContinueLabel.Should().Be("Error: ANTHROPIC_API_KEY is not set - fix it, then Enter runs the query again or type another; Esc goes back");
        _tui.Screen().Should().Contain("ANTHROPIC_API_KEY is not set");
    }
}


/// <summary>Ctrl+C during a run cancels it through its token and returns to the screen.</summary>
public sealed class WorkbenchCancelTests
{
    private sealed class WaitingLauncher : IRunLauncher
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<Checkpoint> RunAsync(RunSelection selection, Perstack.Core.Runtime.IRunEventSink sink, CancellationToken cancellationToken)
        {
            Started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Test]
    public async Task Ctrl_c_cancels_the_running_run_and_shows_the_continue_box()
    {
        var launcher = new WaitingLauncher();
        using var tui = await TuiHarness.StartAsync(copyFixture: false, launcher: _ => launcher, intent: new StartIntent("fake-basic", "long job", null), settle: false);
        await launcher.Started.Task;
        tui.Workbench.Execution.IsRunning.Should().BeTrue();
        tui.Screen().Should().Contain("> long job").And.Contain("initializing");

        // No settling while the run is in flight: it only ends when cancelled.
        Terminal.Gui.Testing.InputInjectionExtensions.InjectKey(tui.App, Key.Esc);
        tui.Workbench.Screen.Should().Be(Screen.Execution, "Esc does not leave a running run");
        tui.App.InjectKeyCtrlC();
        await tui.SettleAsync();

        tui.Workbench.IsQuitRequested.Should().BeFalse();
        tui.Workbench.Execution.IsRunning.Should().BeFalse();
        tui.Workbench.Execution.ActivityLines[^1].Should().Be("✗ Cancelled");
        tui.Workbench.Execution.ContinueLabel.Should().Be("Stopped - Enter a follow-up query");
    }
}

internal static class AppKeys
{
    public static void InjectKeyCtrlC(this Terminal.Gui.App.IApplication app) => Terminal.Gui.Testing.InputInjectionExtensions.InjectKey(app, Key.C.WithCtrl);
}
