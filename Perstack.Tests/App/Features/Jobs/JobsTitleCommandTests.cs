using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsTitleCommandTests : FixtureCopyTests
{
    private string JobJson => File.ReadAllText(Path.Combine(Store, "jobs", "job-fixed-0001", "job.json"));

    [Test]
    public async Task The_title_is_stored_and_shown_by_list_and_show()
    {
        var result = await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", "  Greeting «test»  ", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().BeEmpty();
        JsonDocument.Parse(JobJson).RootElement.GetProperty("title").GetString().Should().Be("Greeting «test»");
        var list = await CliRunner.RunAsync("jobs", "list", "--limit", "2", "--storage-path", Store);
        list.OutputLines[0].Should().EndWith("  completed  \"Greeting «test»\"");
        list.OutputLines[1].Should().EndWith("  completed", "jobs without a title are unchanged");
        var show = await CliRunner.RunAsync("jobs", "show", "job-fixed-0001", "--storage-path", Store);
        show.OutputLines.Should().Contain("Title:    Greeting «test»");
        var json = await CliRunner.RunAsync("jobs", "list", "--json", "--limit", "1", "--storage-path", Store);
        JsonDocument.Parse(json.Output).RootElement[0].GetProperty("title").GetString().Should().Be("Greeting «test»");
    }

    [Test]
    public async Task An_empty_title_removes_it_and_other_fields_are_kept()
    {
        var file = Path.Combine(Store, "jobs", "job-fixed-0001", "job.json");
        await File.WriteAllTextAsync(file, JobJson.Replace("\"status\"", "\"fromTheFuture\": {\"x\": 1},\n  \"status\"", StringComparison.Ordinal));
        await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", "First", "--storage-path", Store);

        var result = await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", "", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        var job = JsonDocument.Parse(JobJson).RootElement;
        job.TryGetProperty("title", out _).Should().BeFalse();
        job.GetProperty("fromTheFuture").GetProperty("x").GetInt32().Should().Be(1, "unknown fields survive the rewrite");
        job.GetProperty("totalSteps").GetInt64().Should().Be(2);
    }

    [Test]
    public async Task A_running_job_is_refused()
    {
        var stores = new Stores(Store);
        using var held = stores.Locks.Acquire(JobId.Parse("job-fixed-0001"));
        var before = JobJson;

        var result = await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", "Nope", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Job job-fixed-0001 is already running in another process");
        JobJson.Should().Be(before);
        stores.Checkpoints.Dispose();
    }

    [TestCase("two\nlines")]
    [TestCase("tab\there")]
    public async Task A_title_must_be_one_line(string title)
    {
        var result = await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", title, "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Error: Invalid title: it must be one line of at most 200 characters, without control characters");
    }

    [Test]
    public async Task Unknown_and_invalid_jobs_are_errors()
    {
        (await CliRunner.RunAsync("jobs", "title", "nosuchjob", "x", "--storage-path", Store)).ErrorLines.Should().Equal("Job nosuchjob not found");
        Directory.Exists(Path.Combine(Store, "jobs", "nosuchjob")).Should().BeFalse("a refused job is not created by its lock");
        (await CliRunner.RunAsync("jobs", "title", "../x", "x", "--storage-path", Store)).ErrorLines.Should().ContainSingle()
            .Which.Should().StartWith("Invalid job id \"../x\"");
    }
}
