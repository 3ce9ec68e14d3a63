using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Runs;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>
/// The execution screen when the model's API fails (the scripted LLM answering 429/500/401 over real HTTP): retries in
/// the activity log, what to do after a hard error, and the status line keeping the job id whole at any width.
/// </summary>
public sealed partial class ExecutionRetryTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    private static Func<Stores, IRunLauncher> Launcher(RunWorkspace workspace) => stores =>
        RunLaunchers.For(
            stores,
            new RunOverrides { WorkingDirectory = workspace.Directory },
            () => new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey });

    [GeneratedRegex(@"^↻ \w+ \(HTTP 429\), attempt 1 of 6 failed, retrying in \d+(\.\d)? (ms|s): 429 .+$")]
    private static partial Regex RateLimited();

    [GeneratedRegex(@"^↻ \w+ \(HTTP 500\), attempt 2 of 6 failed, retrying in \d+(\.\d)? (ms|s): 500 .+$")]
    private static partial Regex ServerError();

    [Test]
    public async Task A_429_then_a_500_show_as_retries_with_attempt_k_of_n_and_the_wait_then_the_run_completes()
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Enqueue(ScriptedReply.Status(429), ScriptedReply.Status(500));

        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-basic", "Say hello", null));

        var lines = _tui.Workbench.Execution.ActivityLines;
        lines.Should().ContainSingle(l => RateLimited().IsMatch(l), "the 429 is a row saying what failed, which attempt and the wait");
        lines.Should().ContainSingle(l => ServerError().IsMatch(l));
        RateLimited().IsMatch(lines[1]).Should().BeTrue("the retries come right after the query");
        lines[^1].Should().StartWith("✓ Run Results: ");
        _tui.Workbench.Execution.ContinueLabel.Should().Be("Completed - Enter a follow-up query");
        _tui.Screen().Should().Contain("attempt 1 of 6 failed");
        lines.Should().NotContain(l => l.Contains(RunWorkspace.ApiKey, StringComparison.Ordinal));
    }

    [Test]
    public async Task After_a_stop_by_error_an_empty_Enter_sends_nothing_and_says_how_to_continue_so_the_query_is_never_sent_twice()
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Enqueue(ScriptedReply.Status(401));

        _tui = await TuiHarness.StartAsync(copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-basic", "Say hello", null));

        var panel = _tui.Workbench.Execution;
        panel.Final.Should().NotBeNull();
        var final = panel.Final!;
        SaidHello(final).Should().Be(1, "the stopped checkpoint holds the query");
        panel.ActivityLines[^1].Should().StartWith("✗ ");
        panel.ContinueLabel.Should().StartWith("Stopped by ")
            .And.EndWith($" - fix the cause, then type what to do next (e.g. \"try again\") to continue from checkpoint {final.Id} (step {final.StepNumber}); Esc goes back");

        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines.Count(l => l == "> Say hello").Should().Be(1, "an empty Enter does not send the query again");
        panel.IsContinueBoxVisible.Should().BeTrue();
        panel.Final.Should().Be(final, "nothing ran");
        _tui.Screen().Should().Contain("Nothing sent: the query is stored - type a follow-up");

        await _tui.TypeAsync("try again");
        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines[^1].Should().StartWith("✓ Run Results: ");
        panel.Final!.JobId.Should().Be(final.JobId, "the follow-up continues the same job from its last checkpoint");
        SaidHello(panel.Final).Should().Be(1, "the conversation holds the query once");
        panel.ContinueLabel.Should().Be("Completed - Enter a follow-up query");
    }

    private static int SaidHello(Perstack.Core.Domain.Checkpoint checkpoint) =>
        checkpoint.Messages.OfType<UserMessage>().Count(m => m.Contents.OfType<TextPart>().Any(p => p.Text == "Say hello"));

    [Test]
    public async Task A_missing_key_says_to_fix_it_and_Enter_after_the_fix_runs_the_query_again()
    {
        await using var workspace = RunWorkspace.Create();
        var environment = new Dictionary<string, string>();
        _tui = await TuiHarness.StartAsync(
            copyFixture: false,
            launcher: stores => RunLaunchers.For(stores, new RunOverrides { WorkingDirectory = workspace.Directory }, () => environment),
            intent: new StartIntent("fake-basic", "Say hello", null));

        var panel = _tui.Workbench.Execution;
        panel.ContinueLabel.Should().Be("Error: ANTHROPIC_API_KEY is not set - fix it, then Enter runs the query again or type another; Esc goes back");
        _tui.Screen().Should().Contain("│Error: ANTHROPIC_API_KEY is not set - fix it", "the label shows the name as written (no underscore taken for a hotkey)");

        environment["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey;
        await _tui.PressAsync(Key.Enter);

        panel.ActivityLines.Count(l => l == "> Say hello").Should().Be(2);
        panel.ActivityLines[^1].Should().StartWith("✓ Run Results: ");
    }

    [TestCase(60)]
    [TestCase(140)]
    [TestCase(250)]
    public async Task The_status_line_keeps_the_job_id_whole_at_every_width(int width)
    {
        await using var workspace = RunWorkspace.Create();
        _tui = await TuiHarness.StartAsync(width: width, copyFixture: false, launcher: Launcher(workspace), intent: new StartIntent("fake-basic", "Say hello", null));
        var jobId = _tui.Workbench.Execution.Final!.JobId.ToString();

        var status = _tui.Rows().Single(r => r.StartsWith("fake-basic · ", StringComparison.Ordinal));

        status.Should().EndWith($" · job {jobId}", "the id people copy is never cut");
        status.Should().StartWith("fake-basic").And.Contain("completed");
        if (width >= 140)
        {
            status.Should().Contain("claude-sonnet-4-5").And.Contain("tokens in ");
        }
    }

    [Test]
    public void The_status_line_gives_way_field_by_field_and_cuts_long_names_in_the_middle()
    {
        var status = new RunStatus { Expert = "a-very-long-expert-name-for-the-status-line", JobId = Perstack.Core.Domain.JobId.Parse("abcdefghijklmnopqrstuvwx"), State = "running" };

        status.Fit(250).Should().Be(status.Text);
        var narrow = status.Fit(60);
        narrow.Length.Should().BeLessThanOrEqualTo(60);
        narrow.Should().EndWith("· job abcdefghijklmnopqrstuvwx").And.Contain("…", "the long expert key is cut in its middle");
        status.Fit(30).Should().Be("job abcdefghijklmnopqrstuvwx", "at the narrowest only the id is left, whole");
        RunStatus.Middle("abcdefghij", 5).Should().Be("ab…ij");
    }
}
