using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

/// <summary>One unreadable job.json never hides the other jobs, and reading it by id says what is wrong.</summary>
[TestFixture]
public sealed class FileJobStoreCorruptFileTests
{
    private const string GoodJson = """
        {
          "id": "JOB",
          "status": "completed",
          "coordinatorExpertKey": "my-expert",
          "totalSteps": 3,
          "usage": { "inputTokens": 1, "outputTokens": 2, "reasoningTokens": 0, "totalTokens": 3, "cachedInputTokens": 0 },
          "startedAt": 1700000000000,
          "finishedAt": 1700000001000
        }
        """;

    private static readonly Dictionary<string, string> CorruptJobFiles = new()
    {
        ["truncated"] = GoodJson[..(GoodJson.Length / 2)],
        ["empty"] = "",
        ["null"] = "null",
        ["array"] = "[]",
        ["wrong-type"] = GoodJson.Replace("\"totalSteps\": 3", "\"totalSteps\": \"x\"", StringComparison.Ordinal),
        ["unknown-status"] = GoodJson.Replace("\"completed\"", "\"paused\"", StringComparison.Ordinal),
        ["missing-field"] = GoodJson.Replace("\"coordinatorExpertKey\": \"my-expert\",", "", StringComparison.Ordinal),
        ["null-usage"] = GoodJson.Replace("\"usage\": {", "\"usage\": null, \"x\": {", StringComparison.Ordinal),
        ["traversal-id"] = GoodJson.Replace("\"JOB\"", "\"../x\"", StringComparison.Ordinal),
        ["other-jobs-id"] = GoodJson.Replace("\"JOB\"", "\"someone-else\"", StringComparison.Ordinal),
        ["binary"] = "\u0001\u0002\u0003",
    };

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    private static IEnumerable<TestCaseData> CorruptCases() => CorruptJobFiles.Keys.Select(k => new TestCaseData(k).SetArgDisplayNames(k));

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task ListAsync_returns_the_good_job_and_one_problem_per_corrupt_file()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("good"));
        foreach (var (jobId, content) in CorruptJobFiles)
        {
            WriteJobFile(jobId, content);
        }

        var listing = await _stores.Jobs.ListAsync();

        listing.Items.Select(j => j.Id.Value).Should().Equal("good");
        listing.Problems.Select(p => p.Path).Should().BeEquivalentTo(CorruptJobFiles.Keys.Select(id => _stores.Layout.JobFile(JobId.Parse(id))));
        listing.Problems.Should().OnlyContain(p => !string.IsNullOrWhiteSpace(p.Reason) && !p.Reason.Contains('\n'));
    }

    [TestCaseSource(nameof(CorruptCases))]
    public async Task GetAsync_of_a_corrupt_job_throws_CorruptFileException_naming_the_file(string jobId)
    {
        WriteJobFile(jobId, CorruptJobFiles[jobId]);
        var file = _stores.Layout.JobFile(JobId.Parse(jobId));

        var act = () => _stores.Jobs.GetAsync(JobId.Parse(jobId));

        var exception = (await act.Should().ThrowAsync<CorruptFileException>()).Which;
        exception.Problem.Path.Should().Be(file);
        exception.Problem.Reason.Should().NotBeNullOrWhiteSpace();
        exception.Message.Should().Contain(file);
    }

    [Test]
    public async Task ListAsync_reports_folders_whose_name_is_not_a_job_id_and_job_folders_without_job_json()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("good"));
        Directory.CreateDirectory(Path.Combine(_stores.Layout.JobsDirectory, "not a job id"));
        Directory.CreateDirectory(_stores.Layout.JobDirectory(JobId.Parse("no-job-json")));

        var listing = await _stores.Jobs.ListAsync();

        listing.Items.Select(j => j.Id.Value).Should().Equal("good");
        listing.Problems.Select(p => p.Path).Should().BeEquivalentTo(
            Path.Combine(_stores.Layout.JobsDirectory, "not a job id"),
            _stores.Layout.JobFile(JobId.Parse("no-job-json")));
    }

    [Test]
    public async Task Job_json_with_an_unknown_field_is_read_and_saved_back_with_the_field()
    {
        var node = JsonNode.Parse(GoodJson.Replace("JOB", "future", StringComparison.Ordinal))!.AsObject();
        node["addedByANewerPerstack"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null, true) };
        WriteJobFile("future", node.ToJsonString());

        var listed = (await _stores.Jobs.ListAsync()).Items.Single();
        listed.UnknownFields.Should().ContainKey("addedByANewerPerstack");

        await _stores.Jobs.SaveAsync(listed with { Status = JobStatus.Running });

        var written = JsonNode.Parse(File.ReadAllText(_stores.Layout.JobFile(listed.Id)))!.AsObject();
        written["status"]!.GetValue<string>().Should().Be("running");
        JsonNode.DeepEquals(written["addedByANewerPerstack"], node["addedByANewerPerstack"]).Should().BeTrue(written.ToJsonString());
        (await _stores.Jobs.GetAsync(listed.Id))!.UnknownFields.Should().ContainKey("addedByANewerPerstack");
    }

    [Test]
    public async Task SaveAsync_writes_job_json_two_space_indented_without_unknown_fields_when_there_are_none()
    {
        var job = TestData.Job("plain");

        await _stores.Jobs.SaveAsync(job);

        var text = File.ReadAllText(_stores.Layout.JobFile(job.Id));
        text.Should().StartWith("{\n  \"id\": \"plain\",\n  \"status\": \"completed\",");
        text.Should().NotEndWith("\n");
        JsonSerializer.Deserialize(text, PerstackJson.JobIndented).Should().Be(job);
    }

    private void WriteJobFile(string jobId, string content)
    {
        var file = _stores.Layout.JobFile(JobId.Parse(jobId));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content.Replace("\"JOB\"", $"\"{jobId}\"", StringComparison.Ordinal));
    }
}
