using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Events;

[TestFixture]
public sealed class FileEventStoreTests
{
    private static readonly JobId Job = JobId.Parse("the-job");
    private static readonly RunId Run = RunId.Parse("the-run");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private string _runDirectory = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
        _runDirectory = _stores.Layout.RunDirectory(Job, Run);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task SaveAsync_writes_the_event_under_its_reference_file_name()
    {
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, Run, 1733731200123, 4, "e1"));

        Directory.GetFiles(_runDirectory).Select(Path.GetFileName).Should().Equal("event-1733731200123-4-startGeneration.json");
    }

    [Test]
    public async Task SaveAsync_never_overwrites_an_event_with_the_same_timestamp_step_and_type()
    {
        var first = TestData.StartGeneration(Job, Run, 1000, 1, "first");
        var second = TestData.StartGeneration(Job, Run, 1000, 1, "second");

        await _stores.Events.SaveAsync(first);
        await _stores.Events.SaveAsync(second);

        Directory.GetFiles(_runDirectory, "event-*.json").Should().HaveCount(2);
        var listing = await _stores.Events.ListAsync(Job, Run);
        listing.Problems.Should().BeEmpty();
        listing.Items.Should().HaveCount(2);
        var read = new List<string>();
        foreach (var summary in listing.Items)
        {
            var runEvent = await _stores.Events.GetAsync(summary);
            read.Add(runEvent!.Id);
        }

        read.Should().Equal("first", "second");
    }

    [Test]
    public async Task ListAsync_orders_by_timestamp_then_step_and_parses_types_with_dashes()
    {
        Directory.CreateDirectory(_runDirectory);
        foreach (var name in new[]
        {
            "event-300-2-callTools.json",
            "event-100-1-startRun.json",
            "event-200-1-complete-streaming-run-result.json",
            "event-200-1-callTools.json",
        })
        {
            File.WriteAllText(Path.Combine(_runDirectory, name), "{}");
        }

        var listing = await _stores.Events.ListAsync(Job, Run);

        listing.Problems.Should().BeEmpty();
        listing.Items.Should().Equal(
            new EventSummary(Job, Run, 100, 1, "startRun"),
            new EventSummary(Job, Run, 200, 1, "callTools"),
            new EventSummary(Job, Run, 200, 1, "complete-streaming-run-result"),
            new EventSummary(Job, Run, 300, 2, "callTools"));
        listing.Items[2].Key.Should().Be("200-1-complete-streaming-run-result");
    }

    [TestCase("event-abc-1-startRun.json")]
    [TestCase("event-100-x-startRun.json")]
    [TestCase("event-100-1-.json")]
    [TestCase("event-100-startRun.json")]
    [TestCase("event--1-startRun.json")]
    [TestCase("event-+5-1-startRun.json")]
    [TestCase("event-100--1-startRun.json")]
    public async Task ListAsync_reports_a_malformed_event_file_name_as_a_problem(string name)
    {
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, Run, 1000, 1, "good"));
        File.WriteAllText(Path.Combine(_runDirectory, name), "{}");

        var listing = await _stores.Events.ListAsync(Job, Run);

        listing.Items.Should().ContainSingle().Which.Type.Should().Be("startGeneration");
        var problem = listing.Problems.Should().ContainSingle().Which;
        problem.Path.Should().Be(Path.Combine(_runDirectory, name));
        problem.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public async Task ListAsync_ignores_run_settings_and_temp_files()
    {
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, Run, 1000, 1, "good"));
        await _stores.RunSettings.SaveAsync(TestData.RunSetting(Job, Run, new Dictionary<string, string>()));
        File.WriteAllText(Path.Combine(_runDirectory, ".event-1-1-x.json.0123456789abcdef.tmp"), "{");

        var listing = await _stores.Events.ListAsync(Job, Run);

        listing.Problems.Should().BeEmpty();
        listing.Items.Should().ContainSingle();
    }

    [Test]
    public async Task GetAsync_returns_the_full_event()
    {
        var saved = TestData.StartGeneration(Job, Run, 1000, 3, "full");
        await _stores.Events.SaveAsync(saved);
        var summary = (await _stores.Events.ListAsync(Job, Run)).Items.Single();

        var read = await _stores.Events.GetAsync(summary);

        read.Should().BeOfType<StartGenerationEvent>();
        JsonSerializer.Serialize(read!, PerstackJson.RunEvent).Should().Be(JsonSerializer.Serialize<RunEvent>(saved, PerstackJson.RunEvent));
    }

    [Test]
    public async Task GetAsync_returns_null_for_a_missing_event_and_throws_CorruptFileException_for_a_corrupt_one()
    {
        Directory.CreateDirectory(_runDirectory);
        File.WriteAllText(Path.Combine(_runDirectory, "event-1-1-startRun.json"), "{\"type\":\"startRun\",");
        var corrupt = new EventSummary(Job, Run, 1, 1, "startRun");

        (await _stores.Events.GetAsync(new EventSummary(Job, Run, 2, 1, "startRun"))).Should().BeNull();
        var act = () => _stores.Events.GetAsync(corrupt);
        (await act.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Path.Should().Be(Path.Combine(_runDirectory, "event-1-1-startRun.json"));
    }

    [Test]
    public async Task GetAsync_and_ReadJsonAsync_refuse_an_event_file_that_names_another_job_or_run()
    {
        await _stores.Events.SaveAsync(TestData.StartGeneration(JobId.Parse("other-job"), Run, 1000, 1, "elsewhere"));
        var foreign = Directory.EnumerateFiles(_stores.Layout.RunDirectory(JobId.Parse("other-job"), Run), "event-*.json").Single();
        Directory.CreateDirectory(_runDirectory);
        File.Copy(foreign, Path.Combine(_runDirectory, Path.GetFileName(foreign)));
        var summary = (await _stores.Events.ListAsync(Job, Run)).Items.Single();

        var get = () => _stores.Events.GetAsync(summary);
        var readJson = () => _stores.Events.ReadJsonAsync(summary);

        (await get.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Reason.Should().Be($"it names run {Run} of job other-job");
        (await readJson.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Reason.Should().Be($"it names run {Run} of job other-job");
    }

    [Test]
    public async Task ReadJsonAsync_returns_the_file_as_stored()
    {
        var saved = TestData.StartGeneration(Job, Run, 1000, 3, "raw");
        await _stores.Events.SaveAsync(saved);
        var summary = (await _stores.Events.ListAsync(Job, Run)).Items.Single();

        using var read = await _stores.Events.ReadJsonAsync(summary);

        read!.RootElement.GetRawText().Should().Be(JsonSerializer.Serialize<RunEvent>(saved, PerstackJson.RunEvent));
        (await _stores.Events.ReadJsonAsync(new EventSummary(Job, Run, 2, 1, "startRun"))).Should().BeNull();
    }

    [TestCase("", "the file is empty")]
    [TestCase("{\"type\":\"startRun\",", "")]
    [TestCase("[1,2]", "not a run event")]
    [TestCase("{\"type\":\"startRun\",\"stepNumber\":\"1\",\"timestamp\":1}", "not a run event")]
    [TestCase("{\"stepNumber\":1,\"timestamp\":1}", "not a run event")]
    public async Task ReadJsonAsync_reports_a_file_that_is_not_an_event_as_corrupt(string content, string reason)
    {
        Directory.CreateDirectory(_runDirectory);
        var path = Path.Combine(_runDirectory, "event-1-1-startRun.json");
        await File.WriteAllTextAsync(path, content);

        var act = () => _stores.Events.ReadJsonAsync(new EventSummary(Job, Run, 1, 1, "startRun"));

        var problem = (await act.Should().ThrowAsync<CorruptFileException>()).Which.Problem;
        problem.Path.Should().Be(path);
        problem.Reason.Should().StartWith(reason);
    }

    [Test]
    public async Task GetAsync_refuses_a_type_that_would_leave_the_run_folder()
    {
        var act = () => _stores.Events.GetAsync(new EventSummary(Job, Run, 1, 1, "x/../../../job"));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task ListRunsAsync_lists_run_folders_by_id()
    {
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, RunId.Parse("run-b"), 1, 1, "b"));
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, RunId.Parse("run-a"), 1, 1, "a"));

        var runs = await _stores.Events.ListRunsAsync(Job);

        runs.Select(r => r.Value).Should().Equal("run-a", "run-b");
    }
}
