using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsPruneCommandTests
{
    private TempDirectory _temp = null!;
    private string _store = null!;
    private Stores _stores = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = Path.Combine(_temp.Path, "perstack");
        _stores = new Stores(_store);
        await SyntheticJobs.AddAsync(_stores, "fresh", TimeSpan.FromHours(1));
        await SyntheticJobs.AddAsync(_stores, "week-old", TimeSpan.FromDays(8), JobStatus.StoppedByError);
        await SyntheticJobs.AddAsync(_stores, "month-old", TimeSpan.FromDays(31));
        await SyntheticJobs.AddAsync(_stores, "year-old", TimeSpan.FromDays(365), JobStatus.Running);
    }

    [TearDown]
    public void TearDown()
    {
        _stores.Checkpoints.Dispose();
        _temp.Dispose();
    }

    private string[] Remaining() => [.. Directory.EnumerateDirectories(Path.Combine(_store, "jobs")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Test]
    public async Task Dry_run_shows_one_row_per_job_and_the_space_and_deletes_nothing()
    {
        var result = await CliRunner.RunAsync("jobs", "prune", "--older-than", "7d", "--dry-run", "--storage-path", _store);

        result.ExitCode.Should().Be(0, result.Error);
        result.OutputLines.Should().HaveCount(4);
        result.OutputLines[0].Should().Contain("(week-old)").And.Contain("  stoppedByError  ").And.MatchRegex(@"\d+\.\d KB$");
        result.OutputLines[1].Should().Contain("(month-old)");
        result.OutputLines[2].Should().Contain("(year-old)").And.Contain("  interrupted  ");
        result.OutputLines[3].Should().MatchRegex(@"^Would delete 3 jobs, \d+\.\d KB \(dry run: nothing was deleted\)$");
        Remaining().Should().HaveCount(4);
    }

    [Test]
    public async Task Older_than_deletes_after_confirmation()
    {
        var result = await CliRunner.RunWithInputAsync("yes\n", "jobs", "prune", "--older-than", "30d", "--storage-path", _store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().MatchRegex(@"^Delete 2 jobs \(\d+\.\d KB\)\? \[y/N\] $");
        result.OutputLines.Should().Contain("Deleted month-old").And.Contain("Deleted year-old");
        result.OutputLines[^1].Should().StartWith("Freed ");
        Remaining().Should().Equal("fresh", "week-old");
    }

    [Test]
    public async Task Declining_deletes_nothing()
    {
        var result = await CliRunner.RunWithInputAsync("n\n", "jobs", "prune", "--older-than", "1h", "--storage-path", _store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines[^1].Should().EndWith("Aborted: nothing was deleted");
        Remaining().Should().HaveCount(4);
    }

    [Test]
    public async Task Without_interactive_stdin_nothing_is_deleted_unless_yes()
    {
        var refused = await CliRunner.RunAsync("jobs", "prune", "--keep", "1", "--storage-path", _store);

        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().Equal("Error: Refusing to delete without confirmation: stdin is not interactive (pass --yes)");
        Remaining().Should().HaveCount(4);

        var forced = await CliRunner.RunAsync("jobs", "prune", "--keep", "1", "--yes", "--storage-path", _store);

        forced.ExitCode.Should().Be(0, forced.Error);
        Remaining().Should().Equal("fresh");
    }

    [Test]
    public async Task Keep_counts_the_newest_of_the_selected_statuses()
    {
        var result = await CliRunner.RunAsync("jobs", "prune", "--keep", "1", "--status", "completed", "--yes", "--storage-path", _store);

        result.ExitCode.Should().Be(0, result.Error);
        Remaining().Should().Equal("fresh", "week-old", "year-old");
    }

    [Test]
    public async Task Keep_and_older_than_must_both_agree()
    {
        var result = await CliRunner.RunAsync("jobs", "prune", "--keep", "3", "--older-than", "7d", "--yes", "--storage-path", _store);

        result.ExitCode.Should().Be(0, result.Error);
        Remaining().Should().Equal("fresh", "month-old", "week-old");
    }

    [Test]
    public async Task A_running_job_is_never_pruned()
    {
        using (_stores.Locks.Acquire(JobId.Parse("year-old")))
        {
            var result = await CliRunner.RunAsync("jobs", "prune", "--keep", "0", "--yes", "--storage-path", _store);

            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().NotContain("year-old");
            Remaining().Should().Equal("year-old");
        }
    }

    [Test]
    public async Task Nothing_to_prune_says_so()
    {
        var result = await CliRunner.RunAsync("jobs", "prune", "--older-than", "1000w", "--storage-path", _store);

        result.ExitCode.Should().Be(0);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Equal("Nothing to prune.");
    }

    [Test]
    public async Task Prune_needs_a_criterion()
    {
        var result = await CliRunner.RunAsync("jobs", "prune", "--yes", "--storage-path", _store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Error: jobs prune needs --older-than <duration> or --keep <N>");
        Remaining().Should().HaveCount(4);
    }

    [TestCase("--older-than", "2026-01-01", "Error: Invalid --older-than \"2026-01-01\": expected a duration such as 7d, 12h or 30m")]
    [TestCase("--older-than", "soon", "Error: Invalid --older-than \"soon\": expected a duration such as 7d, 12h or 30m")]
    [TestCase("--keep", "-1", "Error: Invalid --keep \"-1\": expected an integer ≥ 0")]
    [TestCase("--status", "old", "Error: Invalid --status \"old\": expected one of completed, stoppedByMaxSteps, stoppedByInteractiveTool, stoppedByError, running, interrupted, forked")]
    public async Task Invalid_values_are_one_line_errors(string option, string value, string error)
    {
        var result = await CliRunner.RunAsync("jobs", "prune", option, value, "--yes", "--storage-path", _store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().Be(error);
        Remaining().Should().HaveCount(4);
    }
}
