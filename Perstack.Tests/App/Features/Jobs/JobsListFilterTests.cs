using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsListFilterTests
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
        await SyntheticJobs.AddAsync(_stores, "fresh", TimeSpan.FromMinutes(10), JobStatus.Completed, "writer");
        await SyntheticJobs.AddAsync(_stores, "hours", TimeSpan.FromHours(20), JobStatus.StoppedByError, "writer");
        await SyntheticJobs.AddAsync(_stores, "days", TimeSpan.FromDays(3), JobStatus.StoppedByInteractiveTool, "reader");
        await SyntheticJobs.AddAsync(_stores, "weeks", TimeSpan.FromDays(30), JobStatus.Running, "reader");
    }

    [TearDown]
    public void TearDown()
    {
        _stores.Checkpoints.Dispose();
        _temp.Dispose();
    }

    private async Task<string[]> IdsAsync(params string[] options)
    {
        var result = await CliRunner.RunAsync(["jobs", "list", "--json", "--storage-path", _store, .. options]);
        result.ExitCode.Should().Be(0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray();
    }

    [Test]
    public async Task Status_filters_by_the_shown_status_and_repeats()
    {
        (await IdsAsync("--status", "completed")).Should().Equal("fresh");
        (await IdsAsync("--status", "stoppedByError", "--status", "stoppedByInteractiveTool")).Should().Equal("hours", "days");
        (await IdsAsync("--status", "interrupted")).Should().Equal("weeks");
        (await IdsAsync("--status", "running")).Should().BeEmpty("nobody holds the lock of the running job");

        using (_stores.Locks.Acquire(JobId.Parse("weeks")))
        {
            (await IdsAsync("--status", "running")).Should().Equal("weeks");
        }
    }

    [Test]
    public async Task Expert_filters_by_coordinator_key()
    {
        (await IdsAsync("--expert", "reader")).Should().Equal("days", "weeks");
        (await IdsAsync("--expert", "nobody")).Should().BeEmpty();
    }

    [TestCase("30m", new[] { "fresh" })]
    [TestCase("12h", new[] { "fresh" })]
    [TestCase("1d", new[] { "fresh", "hours" })]
    [TestCase("7d", new[] { "fresh", "hours", "days" })]
    [TestCase("5w", new[] { "fresh", "hours", "days", "weeks" })]
    [TestCase("3600s", new[] { "fresh" })]
    public async Task Since_takes_a_duration(string since, string[] expected) =>
        (await IdsAsync("--since", since)).Should().Equal(expected);

    [Test]
    public async Task Since_takes_an_iso_date()
    {
        var date = DateTimeOffset.UtcNow.AddDays(-10).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await IdsAsync("--since", date)).Should().Equal("fresh", "hours", "days");
        (await IdsAsync("--since", "2000-01-01")).Should().HaveCount(4);
    }

    [Test]
    public async Task Filters_combine_and_apply_before_the_limit()
    {
        (await IdsAsync("--expert", "writer", "--since", "7d", "--status", "stoppedByError")).Should().Equal("hours");
        (await IdsAsync("--expert", "reader", "--limit", "1")).Should().Equal("days");
    }

    [Test]
    public async Task Text_rows_are_filtered_too()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--expert", "writer", "--storage-path", _store);

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().HaveCount(2);
        result.OutputLines[0].Should().StartWith("writer - 3 steps (fresh)").And.EndWith("  completed");
    }

    [TestCase("7")]
    [TestCase("7y")]
    [TestCase("d")]
    [TestCase("-1d")]
    [TestCase("yesterday")]
    [TestCase("2026-13-45")]
    [TestCase("")]
    public async Task An_invalid_since_is_a_one_line_error(string since)
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--since", since, "--storage-path", _store);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines[0].Should().StartWith($"Error: Invalid --since \"{since}\": expected a duration such as 7d, 12h or 30m, or an ISO date");
    }

    [Test]
    public async Task An_invalid_status_is_a_one_line_error()
    {
        var result = await CliRunner.RunAsync("jobs", "list", "--status", "done", "--storage-path", _store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().Be(
            "Error: Invalid --status \"done\": expected one of completed, stoppedByMaxSteps, stoppedByInteractiveTool, stoppedByError, running, interrupted, forked");
    }
}
