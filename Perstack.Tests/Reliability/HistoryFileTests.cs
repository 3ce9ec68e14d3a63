using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Damaged history files (the TypeScript fixture store with one file of <c>job-fixed-0001</c> broken per case): the
/// damaged file is flagged, skipped or read safely, never a stack trace, and the rest of the history stays usable —
/// every other job lists and shows, and the damaged job's readable parts still show. Unknown future fields are read
/// (and kept when job.json is rewritten).
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class HistoryFileTests : ReliabilityTest
{
    private const string Job = "job-fixed-0001";
    private const string Step1 = "olkklqovxp0hpcr9jb5w9x85";
    private const string Step2 = "q68ojxx56kn48pq6a1vww5bv";
    private const string Run = "run-fixed-0001";
    private const string Event = "event-1795738496243-1-startGeneration.json";

    private static readonly string[] OtherJobs = ["gf13yre28vrnvqtt96gqls80", "aajxt79vxz6vvwkfyltr74pc", "r5fwacdzy063tewk7tqaxskw", "zx1gh1dxk13tzk3lx8vtxyt9"];

    protected override string Family => "Bad input";

    /// <summary>
    /// A damage: the file (relative to the job folder) and what is done to its text. Not flagged: the file must read
    /// normally. Deep: the damage lies past the header that listings read, so only loading the whole checkpoint
    /// (export, continue) must flag it.
    /// </summary>
    private sealed record Damage(string Name, string File, Func<string, string> Change, bool Flagged = true, bool Deep = false);

    private static readonly Damage[] Damages =
    [
        new("checkpoint truncated", $"checkpoints/{Step2}.json", t => t[..(t.Length / 2)]),
        new("checkpoint empty", $"checkpoints/{Step2}.json", _ => ""),
        new("checkpoint not JSON", $"checkpoints/{Step2}.json", _ => "\u0000\u0001garbage"),
        new("checkpoint is an array", $"checkpoints/{Step2}.json", _ => "[1,2,3]"),
        new("checkpoint null", $"checkpoints/{Step2}.json", _ => "null"),
        new("checkpoint wrong types", $"checkpoints/{Step2}.json", t => Edit(t, o => o["stepNumber"] = "two")),
        new("checkpoint wrong message type", $"checkpoints/{Step2}.json", t => Edit(t, o => o["messages"]![0]!["type"] = "alienMessage"), Deep: true),
        new("checkpoint wrong part type", $"checkpoints/{Step2}.json", t => Edit(t, o => o["messages"]![0]!["contents"]![0]!["type"] = "hologramPart"), Deep: true),
        new("checkpoint jobId points elsewhere", $"checkpoints/{Step2}.json", t => Edit(t, o => o["jobId"] = OtherJobs[0])),
        new("checkpoint jobId is a path", $"checkpoints/{Step2}.json", t => Edit(t, o => o["jobId"] = "../../etc")),
        new("checkpoint id mismatch", $"checkpoints/{Step2}.json", t => Edit(t, o => o["id"] = Step1)),
        new("checkpoint unknown future fields", $"checkpoints/{Step2}.json", t => Edit(t, o =>
        {
            o["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
            o["messages"]![0]!["futureMessageField"] = "x";
        }), Flagged: false),
        new("job.json truncated", "job.json", t => t[..(t.Length / 2)]),
        new("job.json empty", "job.json", _ => ""),
        new("job.json wrong types", "job.json", t => Edit(t, o => o["totalSteps"] = "many")),
        new("job.json wrong status", "job.json", t => Edit(t, o => o["status"] = "exploded")),
        new("job.json id points elsewhere", "job.json", t => Edit(t, o => o["id"] = OtherJobs[1])),
        new("job.json unknown future fields", "job.json", t => Edit(t, o => o["futureField"] = new JsonObject { ["kept"] = true }), Flagged: false),
        new("event truncated", $"runs/{Run}/{Event}", t => t[..(t.Length / 2)]),
        new("event wrong type discriminator", $"runs/{Run}/{Event}", t => Edit(t, o => o["type"] = "teleport")),
        new("event empty", $"runs/{Run}/{Event}", _ => ""),
        new("run-setting truncated", $"runs/{Run}/run-setting.json", t => t[..(t.Length / 2)]),
        new("run-setting wrong types", $"runs/{Run}/run-setting.json", t => Edit(t, o => o["experts"] = 42)),
        new("checkpoint index garbage", "checkpoint-index.json", _ => "{\"version\":", Flagged: false),
    ];

    [Test]
    public async Task Each_damaged_file_is_flagged_or_read_safely_and_the_rest_stays_usable()
    {
        int cases = 0;
        foreach (var damage in Damages)
        {
            using var temp = new TempDirectory();
            var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));
            await CliRunner.RunAsync("jobs", "show", Job, "--storage-path", store); // writes the checkpoint index
            var file = Path.Combine(store, "jobs", Job, damage.File);
            File.WriteAllText(file, damage.Change(File.Exists(file) ? File.ReadAllText(file) : ""));

            var reports = await CheckAsync(store, damage);
            cases += reports;
        }

        Held("Damaged history files", Damages.Length,
            $"{Damages.Length} damages of checkpoints, job.json, events, run settings and the index ({cases} command checks): " +
            "the damaged file is named as a problem (listing for header damage, export for damage inside messages; future fields and our own index read normally), no stack trace, the other 4 jobs list and show, the job's other checkpoints still show");
    }

    [Test]
    public async Task A_checkpoint_with_a_100_MB_message_is_read_and_the_rest_stays_usable()
    {
        using var temp = new TempDirectory();
        var store = Fixture.CopyTo(Path.Combine(temp.Path, "perstack"));
        var file = Path.Combine(store, "jobs", Job, "checkpoints", $"{Step2}.json");
        var checkpoint = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        const int Size = 100 * 1024 * 1024;
        checkpoint["messages"]![1]!["contents"]![0]!["text"] = new string('m', Size);
        using (var stream = File.Create(file))
        {
            using var writer = new Utf8JsonWriter(stream);
            checkpoint.WriteTo(writer);
        }

        checkpoint = null;
        new FileInfo(file).Length.Should().BeGreaterThan(Size);
        await CheckAsync(store, new Damage("100 MB message", $"checkpoints/{Step2}.json", t => t, Flagged: false));
        var show = await CliRunner.RunAsync("jobs", "show", Job, "--json", "--storage-path", store);
        JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").GetArrayLength().Should().Be(2);
        Held("Checkpoint with a 100 MB message", 1, "jobs list / show / export read it (header index, no size limit hit), the other jobs unaffected");
    }

    /// <summary>Runs list/show/export against the damaged store; returns how many command checks passed.</summary>
    private static async Task<int> CheckAsync(string store, Damage damage)
    {
        var because = damage.Name;
        var name = Path.GetFileName(damage.File);
        var list = await CliRunner.RunAsync("jobs", "list", "--storage-path", store);
        Clean(list, because);
        list.ExitCode.Should().Be(0, because);
        foreach (var other in OtherJobs)
        {
            list.Output.Should().Contain(other, because);
        }

        var show = await CliRunner.RunAsync("jobs", "show", Job, "--json", "--storage-path", store);
        Clean(show, because);
        if (show.ExitCode == 0)
        {
            var document = JsonDocument.Parse(show.Output).RootElement;
            var problems = document.TryGetProperty("problems", out var p) ? p.GetArrayLength() : 0;
            if (damage.Flagged && !damage.Deep && damage.File.StartsWith("checkpoints/", StringComparison.Ordinal))
            {
                (problems > 0 || show.Error.Contains(name, StringComparison.Ordinal)).Should().BeTrue($"{because}: the damaged checkpoint is reported");
                document.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Contain(Step1, because);
            }
            else if (!damage.Flagged)
            {
                problems.Should().Be(0, because);
                document.GetProperty("checkpoints").GetArrayLength().Should().Be(2, because);
            }
        }
        else
        {
            show.ExitCode.Should().Be(1, because);
            show.ErrorLines.Should().ContainSingle(because).Which.Should().Contain(name, because);
        }

        var export = await CliRunner.RunAsync("jobs", "export", Job, "--storage-path", store);
        Clean(export, because);
        export.ExitCode.Should().BeOneOf([0, 1], because);
        if (damage.Deep)
        {
            export.Error.Should().Contain(name, $"{because}: loading the whole checkpoint names the damaged file");
        }

        foreach (var other in OtherJobs)
        {
            var otherShow = await CliRunner.RunAsync("jobs", "show", other, "--storage-path", store);
            otherShow.ExitCode.Should().Be(0, because);
            otherShow.Error.Should().BeEmpty(because);
        }

        if (damage.Name == "job.json unknown future fields")
        {
            (await CliRunner.RunAsync("jobs", "title", Job, "Renamed", "--storage-path", store)).ExitCode.Should().Be(0);
            File.ReadAllText(Path.Combine(store, "jobs", Job, "job.json")).Should().Contain("futureField", "unknown fields are kept on rewrite");
        }

        return 3 + OtherJobs.Length;
    }

    private static void Clean(CliResult result, string because)
    {
        result.Error.Should().NotContain("   at ", because).And.NotContain("Internal error", because);
    }

    private static string Edit(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }
}
