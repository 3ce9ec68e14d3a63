using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Checkpoints;

/// <summary>Unreadable checkpoint files are reported beside the good ones; reading one by id says what is wrong.</summary>
[TestFixture]
public sealed class FileCheckpointStoreCorruptFileTests
{
    private static readonly JobId Job = JobId.Parse("the-job");

    /// <summary>Checkpoint file contents (by file id) that neither the listing nor GetAsync accept.</summary>
    private static readonly Dictionary<string, Func<string, string>> Corruptions = new()
    {
        ["truncated"] = json => json[..(json.Length / 2)],
        ["empty"] = _ => "",
        ["null"] = _ => "null",
        ["array"] = _ => "[]",
        ["trailing-garbage"] = json => json + "}",
        ["other-job"] = json => With(json, "jobId", "another-job"),
        ["traversal-job"] = json => With(json, "jobId", "../x"),
        ["other-id"] = json => With(json, "id", "someone-else"),
        ["unknown-status"] = json => With(json, "status", "paused"),
        ["step-as-text"] = json => With(json, "stepNumber", "x"),
        ["no-messages"] = json => Without(json, "messages"),
        ["no-usage"] = json => Without(json, "usage"),
    };

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    private static IEnumerable<TestCaseData> CorruptCases() => Corruptions.Keys.Select(k => new TestCaseData(k).SetArgDisplayNames(k));

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task ListAsync_lists_the_good_checkpoints_and_reports_each_corrupt_file()
    {
        var good1 = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1, "good-1"));
        var good2 = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 2, "good-2"));
        foreach (var (id, corrupt) in Corruptions)
        {
            WriteCheckpointFile(id, corrupt(ValidJson(id)));
        }

        var listing = await _stores.Checkpoints.ListAsync(Job);

        listing.Items.Should().Equal(CheckpointSummary.From(good1), CheckpointSummary.From(good2));
        listing.Problems.Select(p => p.Path).Should().BeEquivalentTo(Corruptions.Keys.Select(id => _stores.Layout.CheckpointFile(Job, CheckpointId.Parse(id))));
        listing.Problems.Should().OnlyContain(p => !string.IsNullOrWhiteSpace(p.Reason) && !p.Reason.Contains('\n'));
    }

    [Test]
    public async Task ListAsync_keeps_reporting_corrupt_files_once_the_index_exists()
    {
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1, "good-1"));
        WriteCheckpointFile("truncated", Corruptions["truncated"](ValidJson("truncated")));

        var first = await _stores.Checkpoints.ListAsync(Job);
        var second = await _stores.Checkpoints.ListAsync(Job);

        first.Problems.Should().ContainSingle();
        second.Problems.Should().Equal(first.Problems);
        second.Items.Should().Equal(first.Items);
    }

    [TestCaseSource(nameof(CorruptCases))]
    public async Task GetAsync_of_a_corrupt_checkpoint_throws_CorruptFileException_naming_the_file(string id)
    {
        WriteCheckpointFile(id, Corruptions[id](ValidJson(id)));
        var path = _stores.Layout.CheckpointFile(Job, CheckpointId.Parse(id));

        var act = () => _stores.Checkpoints.GetAsync(Job, CheckpointId.Parse(id));

        var exception = (await act.Should().ThrowAsync<CorruptFileException>()).Which;
        exception.Problem.Path.Should().Be(path);
        exception.Problem.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public async Task GetAsync_of_a_missing_checkpoint_returns_null()
    {
        (await _stores.Checkpoints.GetAsync(Job, CheckpointId.Parse("nowhere"))).Should().BeNull();
    }

    [Test]
    public async Task Unknown_message_type_lists_from_the_header_but_GetAsync_throws_CorruptFileException()
    {
        // The listing reads headers only and never parses messages (by design: messages are the bulk of a
        // checkpoint), so a bad message shows up when the checkpoint is read in full.
        var good = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1, "good-1"));
        var node = JsonNode.Parse(ValidJson("bad-message"))!;
        node["messages"]![1]!["type"] = "telepathicMessage";
        WriteCheckpointFile("bad-message", node.ToJsonString());

        var listing = await _stores.Checkpoints.ListAsync(Job);
        var act = () => _stores.Checkpoints.GetAsync(Job, CheckpointId.Parse("bad-message"));

        listing.Items.Select(s => s.Id.Value).Should().Equal("good-1", "bad-message");
        (await _stores.Checkpoints.GetAsync(Job, good.Id)).Should().NotBeNull();
        (await act.Should().ThrowAsync<CorruptFileException>()).Which.Problem.Reason.Should().Contain("telepathicMessage");
    }

    [Test]
    public async Task Unknown_message_part_type_makes_GetAsync_throw_CorruptFileException()
    {
        var node = JsonNode.Parse(ValidJson("bad-part"))!;
        node["messages"]![0]!["contents"]![0]!["type"] = "hologramPart";
        WriteCheckpointFile("bad-part", node.ToJsonString());

        var act = () => _stores.Checkpoints.GetAsync(Job, CheckpointId.Parse("bad-part"));

        await act.Should().ThrowAsync<CorruptFileException>();
    }

    [Test]
    public async Task ListAsync_reports_a_file_whose_name_is_not_a_checkpoint_id_and_ignores_other_files()
    {
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1, "good-1"));
        var directory = _stores.Layout.CheckpointsDirectory(Job);
        File.WriteAllText(Path.Combine(directory, "not.an.id.json"), ValidJson("good-1"));
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "not a checkpoint");
        File.WriteAllText(Path.Combine(directory, ".good-1.json.0123456789abcdef.tmp"), "{\"half\":");

        var listing = await _stores.Checkpoints.ListAsync(Job);

        listing.Items.Select(s => s.Id.Value).Should().Equal("good-1");
        listing.Problems.Should().ContainSingle().Which.Path.Should().Be(Path.Combine(directory, "not.an.id.json"));
    }

    [Test]
    public async Task ListAsync_of_a_job_without_checkpoints_is_empty_and_writes_nothing()
    {
        var listing = await _stores.Checkpoints.ListAsync(Job);

        listing.Items.Should().BeEmpty();
        listing.Problems.Should().BeEmpty();
        Directory.Exists(_stores.Layout.JobDirectory(Job)).Should().BeFalse("listing must not create job folders");
    }

    private static string ValidJson(string id) =>
        JsonSerializer.Serialize(TestData.Checkpoint(Job, 3, id) with { Sequence = 99 }, PerstackJson.Checkpoint);

    private static string With(string json, string field, string value)
    {
        var node = JsonNode.Parse(json)!;
        node[field] = value;
        return node.ToJsonString();
    }

    private static string Without(string json, string field)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }

    private void WriteCheckpointFile(string id, string content)
    {
        var path = _stores.Layout.CheckpointFile(Job, CheckpointId.Parse(id));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
