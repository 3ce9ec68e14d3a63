using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Domain;

/// <summary>An invalid id inside a stored file makes the file malformed: it never becomes a path.</summary>
[TestFixture]
public sealed class IdJsonConverterTests
{
    private static string CheckpointJsonWith(string field, JsonNode? value)
    {
        var checkpoint = TestData.Checkpoint(JobId.Parse("good-job"), stepNumber: 1, id: "good-checkpoint");
        var node = JsonNode.Parse(JsonSerializer.Serialize(checkpoint, PerstackJson.Checkpoint))!;
        node[field] = value;
        return node.ToJsonString();
    }

    [TestCase("jobId", "../x", "invalid job id")]
    [TestCase("jobId", "a/b", "invalid job id")]
    [TestCase("runId", "..", "invalid run id")]
    [TestCase("id", "x\\y", "invalid checkpoint id")]
    [TestCase("id", "", "invalid checkpoint id")]
    public void Checkpoint_with_an_invalid_id_fails_to_deserialize(string field, string value, string reason)
    {
        var json = CheckpointJsonWith(field, value);

        var act = () => JsonSerializer.Deserialize(json, PerstackJson.Checkpoint);
        act.Should().Throw<JsonException>().WithMessage($"*{reason}*");

        var checkpoint = PerstackJson.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), PerstackJson.Checkpoint, out var problem);
        checkpoint.Should().BeNull();
        problem.Should().Contain(reason);
    }

    [Test]
    public void Checkpoint_with_a_numeric_job_id_fails_to_deserialize()
    {
        var json = CheckpointJsonWith("jobId", 42);

        var checkpoint = PerstackJson.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), PerstackJson.Checkpoint, out var problem);

        checkpoint.Should().BeNull();
        problem.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void Problem_text_of_an_id_with_control_characters_is_printable()
    {
        var json = CheckpointJsonWith("jobId", "a\u001b[2J\nb");

        PerstackJson.TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), PerstackJson.Checkpoint, out var problem);

        problem.Should().NotBeNull();
        problem.Should().NotMatchRegex(@"\p{Cc}");
    }

    [Test]
    public void Valid_ids_are_written_as_plain_strings()
    {
        var checkpoint = TestData.Checkpoint(JobId.Parse("good-job"), stepNumber: 1, id: "good-checkpoint");

        var node = JsonNode.Parse(JsonSerializer.Serialize(checkpoint, PerstackJson.Checkpoint))!;

        node["id"]!.GetValue<string>().Should().Be("good-checkpoint");
        node["jobId"]!.GetValue<string>().Should().Be("good-job");
        node["runId"]!.GetValue<string>().Should().Be("run-1");
    }
}
