using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FluentAssertions;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Json;

/// <summary>
/// Every file the TypeScript runtime wrote reads into the model and writes back as the same JSON: no field is
/// lost, renamed or retyped. The only intended differences are the run setting's credentials (not modelled).
/// </summary>
[TestFixture]
public sealed class FixtureRoundTripTests
{
    private static IEnumerable<TestCaseData> JobFiles() => Cases(Fixture.JobFiles());

    private static IEnumerable<TestCaseData> CheckpointFiles() => Cases(Fixture.CheckpointFiles());

    private static IEnumerable<TestCaseData> RunSettingFiles() => Cases(Fixture.RunSettingFiles());

    private static IEnumerable<TestCaseData> EventFiles() => Cases(Fixture.EventFiles());

    [Test]
    public void Fixture_holds_every_kind_of_file()
    {
        Fixture.JobFiles().Should().HaveCount(5);
        Fixture.CheckpointFiles().Should().HaveCountGreaterThan(10);
        Fixture.RunSettingFiles().Should().HaveCount(5);
        Fixture.EventFiles().Should().HaveCountGreaterThan(50);
    }

    [TestCaseSource(nameof(JobFiles))]
    public void Job_json_round_trips_to_the_same_json(string path)
    {
        var original = File.ReadAllBytes(path);
        var written = RoundTrip(original, PerstackJson.JobIndented);

        ShouldBeSameJson(written, JsonNode.Parse(original)!, path);
    }

    [TestCaseSource(nameof(JobFiles))]
    public void Job_json_is_written_byte_identical_to_the_typescript_file(string path)
    {
        var original = File.ReadAllBytes(path);
        var job = JsonSerializer.Deserialize(original, PerstackJson.JobIndented)!;

        var written = JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented);

        Encoding.UTF8.GetString(written).Should().Be(Encoding.UTF8.GetString(original));
    }

    [TestCaseSource(nameof(CheckpointFiles))]
    public void Checkpoint_round_trips_to_the_same_json(string path)
    {
        var original = File.ReadAllBytes(path);
        var written = RoundTrip(original, PerstackJson.Checkpoint);

        ShouldBeSameJson(written, JsonNode.Parse(original)!, path);
    }

    [TestCaseSource(nameof(RunSettingFiles))]
    public void Run_setting_round_trips_to_the_same_json_except_credentials(string path)
    {
        var original = File.ReadAllBytes(path);
        var written = RoundTrip(original, PerstackJson.RunSetting);

        // Provider credentials are never read: the key comes back as the empty placeholder the schemas require; env is
        // kept as read (only the store empties it).
        var expected = JsonNode.Parse(original)!.AsObject();
        expected["providerConfig"]!["apiKey"]!.GetValue<string>().Should().NotBeEmpty("the fixture's provider config holds an apiKey");
        expected["providerConfig"]!["apiKey"] = "";
        expected.Should().ContainKey("env");

        ShouldBeSameJson(written, expected, path);
    }

    [TestCaseSource(nameof(EventFiles))]
    public void Event_round_trips_to_the_same_json(string path)
    {
        var original = File.ReadAllBytes(path);
        var written = RoundTrip(original, PerstackJson.RunEvent);

        ShouldBeSameJson(written, JsonNode.Parse(original)!, path);
    }

    [TestCaseSource(nameof(EventFiles))]
    public void Event_type_matches_its_file_name(string path)
    {
        var runEvent = JsonSerializer.Deserialize(File.ReadAllBytes(path), PerstackJson.RunEvent)!;

        var typeInName = Path.GetFileNameWithoutExtension(path).Split('-', 4)[3];
        runEvent.Type.Should().Be(typeInName);
    }

    /// <summary>
    /// Serializes the deserialized original, and checks that reading that output and writing it again gives the
    /// same bytes (the model loses nothing of what it wrote itself). Returns the first output.
    /// </summary>
    private static byte[] RoundTrip<T>(byte[] original, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var value = JsonSerializer.Deserialize(original, typeInfo)!;
        value.Should().NotBeNull();

        var written = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var again = JsonSerializer.Deserialize(written, typeInfo)!;
        var rewritten = JsonSerializer.SerializeToUtf8Bytes(again, typeInfo);

        Encoding.UTF8.GetString(rewritten).Should().Be(Encoding.UTF8.GetString(written), "deserialize(serialize(x)) must serialize as x does");
        return written;
    }

    private static void ShouldBeSameJson(byte[] written, JsonNode expected, string path)
    {
        var actual = JsonNode.Parse(written)!;
        if (!JsonNode.DeepEquals(actual, expected))
        {
            Assert.Fail($"{Fixture.Relative(path)} changed in the round trip:\n{string.Join('\n', Differences(expected, actual, "$"))}");
        }
    }

    /// <summary>Paths where two JSON trees differ, so a failure names the field instead of dumping both files.</summary>
    private static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string at)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key))
                    {
                        yield return $"{at}.{key}: missing in the output (was {e[key]?.ToJsonString()})";
                    }
                    else if (!e.ContainsKey(key))
                    {
                        yield return $"{at}.{key}: added by the output ({a[key]?.ToJsonString()})";
                    }
                    else
                    {
                        foreach (var difference in Differences(e[key], a[key], $"{at}.{key}"))
                        {
                            yield return difference;
                        }
                    }
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (int i = 0; i < e.Count; i++)
                {
                    foreach (var difference in Differences(e[i], a[i], $"{at}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    yield return $"{at}: was {expected?.ToJsonString()}, written {actual?.ToJsonString()}";
                }

                break;
        }
    }

    private static IEnumerable<TestCaseData> Cases(IEnumerable<string> paths) =>
        paths.Select(path => new TestCaseData(path).SetArgDisplayNames(Fixture.Relative(path)));
}
