using System.Globalization;
using FluentAssertions;
using Perstack.App.Providers;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.History;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>Job History and Checkpoints: forks as branches, a hundred thousand jobs.</summary>
public sealed class HistoryPanelsTests
{
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task The_filter_matches_each_jobs_first_query_read_in_the_background()
    {
        _tui = await TuiHarness.StartAsync();

        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("STOP EARLY");

        _tui.Rows()[1].Should().StartWith("Job History  (1 of 5 jobs, filter: STOP EARLY)");
        _tui.ListRows(1)[0].Should().StartWith("fake-basic - 3 steps (aajxt79vxz6vvwkfyltr74pc)");
    }

    [Test]
    public async Task The_first_query_is_the_earliest_coordinator_runs_not_a_follow_up_or_a_delegates()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: []);
        var job = TestData.Job("with-follow-up");
        await _tui.Stores.Jobs.SaveAsync(job);
        RunSetting Run(string runId, string expert, string text, long startedAt) =>
            TestData.RunSetting(job.Id, RunId.Parse(runId), new Dictionary<string, string>()) with { ExpertKey = expert, Input = new() { Text = text }, StartedAt = startedAt };
        await _tui.Stores.RunSettings.SaveAsync(Run("a-follow-up", "my-expert", "and polish it", 3));
        await _tui.Stores.RunSettings.SaveAsync(Run("b-delegate", "helper", "fix the lexer", 2));
        await _tui.Stores.RunSettings.SaveAsync(Run("c-first", "my-expert", "refactor the parser", 1));
        var reader = new FirstQueryReader(_tui.Stores.Events, _tui.Stores.RunSettings);

        (await reader.ReadAsync(job)).Should().Be("refactor the parser");
        await _tui.PressAsync(Key.H, new Key('/'));
        await _tui.TypeAsync("parser");
        _tui.Rows()[1].Should().StartWith("Job History  (1 job, filter: parser)");
        await _tui.PressAsync(Key.Esc, new Key('/'));
        await _tui.TypeAsync("lexer");
        _tui.Rows()[1].Should().StartWith("Job History  (0 of 1 job, filter: lexer)");
    }

    [Test]
    public async Task A_fork_from_the_middle_of_a_run_shows_ready_to_continue_not_an_error()
    {
        _tui = await TuiHarness.StartAsync(copyFixture: false, configured: []);
        await _tui.Stores.Jobs.SaveAsync(TestData.Job("fork-of-a-step", status: JobStatus.StoppedByInteractiveTool) with { FinishedAt = null, ReadyToContinue = true });

        await _tui.PressAsync(Key.H);

        _tui.ListRows(1)[0].Should().Contain("(fork-of-a-step)").And.Contain("15 tokens").And.EndWith("⑂ forked · ready to continue");
        _tui.Screen().Should().NotContain("✗ error").And.NotContain("? interactive");
    }

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

        _tui.ListRows(6).Select(r => r[..r.IndexOf(')', StringComparison.Ordinal)] + ")").Should().Equal(
            "Step 1 (ck-a)",
            "Step 2 (ck-b)",
            "└ Step 3 (ck-d)",
            "Step 4 (ck-e)",
            "Step 3 (ck-c)",
            "Step 4 (ck-f)");
        var lines = _tui.Lines();
        lines.Should().Contain(l => l.Contains("│  └ Step 3 (ck-d)", StringComparison.Ordinal), "a fork is drawn indented right under the step it branches from");
        lines.Should().Contain(l => l.Contains("│  Step 4 (ck-e)", StringComparison.Ordinal), "the branch continues at its depth");
        _tui.Workbench.List.SelectedItem.Should().Be(5, "the cursor starts on the checkpoint --continue-job resumes: the latest written");

        await _tui.PressAsync(Key.Enter);
        _tui.Workbench.QueryHeading.Should().StartWith("Expert: my-expert (resuming from step 4, checkpoint ck-f)\nJob: ");
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

        public Task<IDisposable> CreateAsync(Job job, CancellationToken cancellationToken = default) => throw new NotSupportedException("browsing only");

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
        _tui.ListRows(1)[0].Should().StartWith("my-expert - 3 steps (job-100000)");
        await _tui.PressAsync(Key.End);
        _tui.Screen().Should().Contain("(job-000001)");
        await _tui.PressAsync(new Key('/'));
        await _tui.TypeAsync("job-04200");
        _tui.Rows()[1].Should().StartWith("Job History  (10 of 100000 jobs, filter: job-04200)");
    }

}
