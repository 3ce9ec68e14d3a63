using System.Globalization;
using FluentAssertions;
using Perstack.App.Providers;
using Perstack.App.Runs;
using Perstack.App.Tui;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Tests.App.Helpers;
using Perstack.Tests.Helpers;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui;

/// <summary>Forks, large histories, the no-terminal guard and runs started from the workbench.</summary>
public sealed class WorkbenchMoreTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private string[] ListRows(int count) => _tui!.Rows().Skip(2).Take(count).ToArray();

    [Test]
    public async Task Forks_made_by_resume_from_are_indented_branches()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: []);
        var jobId = JobId.Parse("forked");
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("forked") with { TotalSteps = 4 });
        CheckpointId Id(string s) => CheckpointId.Parse(s);
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 1, "ck-a"));
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 2, "ck-b") with { ParentCheckpointId = Id("ck-a") });
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 3, "ck-c") with { ParentCheckpointId = Id("ck-b") });
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 3, "ck-d") with { ParentCheckpointId = Id("ck-b") });
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 4, "ck-e") with { ParentCheckpointId = Id("ck-d") });
        await _tui.Stores.Checkpoints.SaveAsync(TestData.Checkpoint(jobId, 4, "ck-f") with { ParentCheckpointId = Id("ck-c") });

        await _tui.PressAsync(Key.H, Key.C);

        ListRows(6).Select(r => r[..r.IndexOf(')', StringComparison.Ordinal)] + ")").Should().Equal(
            "Step 1 (ck-a)",
            "Step 2 (ck-b)",
            "Step 3 (ck-c)",
            "Step 4 (ck-f)",
            "└ Step 3 (ck-d)",
            "Step 4 (ck-e)");
        var lines = _tui.Lines();
        lines.Should().Contain(l => l.Contains("│  └ Step 3 (ck-d)", StringComparison.Ordinal), "a fork is indented under its main line");
        lines.Should().Contain(l => l.Contains("│  Step 4 (ck-e)", StringComparison.Ordinal), "the branch continues at its depth");

        await _tui.PressAsync(Key.End, Key.Enter);
        _tui.Workbench.QueryHeading.Should().Be("Expert: my-expert (resuming from step 4)");
    }

    [Test]
    public void The_tree_of_typescript_checkpoints_without_parents_is_a_line()
    {
        var rows = CheckpointTree.Build([Summary("a", 1), Summary("b", 2), Summary("c", 3)]);

        rows.Select(r => r.Text).Should().Equal("Step 1 (a)", "Step 2 (b)", "Step 3 (c)");
    }

    private static CheckpointSummary Summary(string id, long step) =>
        CheckpointSummary.From(TestData.Checkpoint(JobId.Parse("j"), step, id));

    private sealed class ManyJobs(int count) : IJobStore
    {
        private readonly List<Job> _jobs = Enumerable.Range(0, count)
            .Select(i => TestData.Job(string.Create(CultureInfo.InvariantCulture, $"job-{count - i:D6}"), startedAt: 1_700_000_000_000 + count - i))
            .ToList();

        public Task<Job?> GetAsync(JobId jobId, CancellationToken cancellationToken = default) => Task.FromResult(_jobs.Find(j => j.Id == jobId));

        public Task SaveAsync(Job job, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoreListing<Job>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(new StoreListing<Job>(_jobs, []));

        public Task<bool> DeleteAsync(JobId jobId, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }

    [Test]
    public async Task A_hundred_thousand_jobs_draw_at_once_and_scroll_virtually()
    {
        _tui = await TuiHarness.StartAsync(jobStore: _ => new ManyJobs(100_000), settle: false);
        _tui.Screen().Should().Contain("Job History  (loading…)", "the first frame does not wait for the store");

        await _tui.SettleAsync();

        _tui.Rows()[1].Should().StartWith("Job History  (100000 jobs)");
        ListRows(1)[0].Should().StartWith("my-expert - 3 steps (job-100000)");
        await _tui.PressAsync(Key.End);
        _tui.Screen().Should().Contain("(job-000001)");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("job-04200");
        _tui.Rows()[1].Should().StartWith("Job History  (10 of 100000 jobs, filter: job-04200)");
    }

    [Test]
    public async Task Without_a_terminal_start_prints_a_message_and_exits_1()
    {
        using var temp = new TempDirectory();

        var result = await PerstackProcess.RunAsync(temp.Path, (IReadOnlyDictionary<string, string>?)null, "start", "--storage-path", Path.Combine(temp.Path, "perstack"));

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("perstack start needs an interactive terminal; use perstack run");
        result.Output.Should().BeEmpty();
    }

    private static Func<Stores, IRunLauncher> Launcher(RunWorkspace workspace, string? apiKey = RunWorkspace.ApiKey) => stores =>
        new TuiRunLauncher(
            new RunDefaults { WorkingDirectory = workspace.Directory },
            new RunPorts(stores.Jobs, stores.Checkpoints, stores.RunSettings, stores.Events, stores.Locks, new ChatClientFactory(), stores.Layout.Root),
            () => apiKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = apiKey });

    [Test]
    public async Task An_expert_and_a_query_run_at_once_with_activity_rows_then_a_follow_up()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-basic", "Say hello", null));

        var panel = _tui.Workbench.Execution;
        _tui.Workbench.Screen.Should().Be(Screen.Execution);
        panel.ActivityLines[0].Should().Be("> Say hello");
        panel.ActivityLines.Should().Contain(l => l.StartsWith("● think ", StringComparison.Ordinal) && l.Contains(" → ", StringComparison.Ordinal));
        panel.ActivityLines[^1].Should().StartWith("✓ Run Results: ");
        panel.IsContinueBoxVisible.Should().BeTrue();
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");
        var jobId = panel.Final!.JobId;
        panel.StatusText.Should().Contain("fake-basic").And.Contain("claude-sonnet-4-5").And.Contain("completed").And.Contain("step 2").And.Contain($"job {jobId}");
        var screen = _tui.Screen();
        screen.Should().Contain("> Say hello").And.Contain("Completed - Enter a follow-up query");

        await _tui.TypeAsync("And again");
        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines.Should().Contain("> And again");
        panel.Final!.JobId.Should().Be(jobId, "a follow-up continues the same job");
        panel.Final.StepNumber.Should().BeGreaterThan(2);
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");

        await _tui.PressAsync(Key.Esc);
        _tui.Workbench.Screen.Should().Be(Screen.History);
        _tui.Rows()[1].Should().StartWith("Job History  (1 jobs)");
    }

    [Test]
    public async Task A_delegation_is_indented_under_its_header()
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-coordinator", "Coordinate some work", null));

        var lines = _tui.Workbench.Execution.ActivityLines;
        lines.Should().Contain(l => l.StartsWith("→ fake-worker ", StringComparison.Ordinal));
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
        panel.ActivityLines.Should().Contain(l => l.StartsWith("? Interactive: askUser ", StringComparison.Ordinal));
        panel.ContinueLabel.Should().StartWith("Stopped - askUser asks: ");

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
        panel.ContinueLabel.Should().Be("Stopped - Enter a follow-up query");
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
