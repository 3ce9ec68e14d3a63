using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsExportImportTests : FixtureCopyTests
{
    private const string Coordinator = "r5fwacdzy063tewk7tqaxskw";

    private static async Task<string> ExportJsonAsync(string store, string jobId)
    {
        var result = await CliRunner.RunAsync("jobs", "export", jobId, "--format", "json", "--storage-path", store);
        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        return result.Output;
    }

    private static string[] Files(string jobDirectory) =>
        [.. Directory.EnumerateFiles(jobDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(jobDirectory, f).Replace('\\', '/'))
            .Where(f => f != "checkpoint-index.json")
            .Order(StringComparer.Ordinal)];

    [Test]
    public async Task Markdown_is_a_readable_transcript_of_the_main_branch_with_delegations_and_usage()
    {
        var result = await CliRunner.RunAsync("jobs", "export", Coordinator, "--format", "md", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        var md = result.Output;
        md.Should().StartWith($"# Job {Coordinator}\n");
        md.Should().Contain($"- **Job:** `{Coordinator}`").And.Contain("- **Expert:** `fake-coordinator`").And.Contain("- **Status:** completed");
        md.Should().Contain("## Conversation").And.Contain("_`fake-coordinator` up to step 5: checkpoint `soin4nw76cilq4o3eqjtlcqu`, completed, 1650 tokens");
        md.Should().Contain("### User\n\nCoordinate some work\n");
        md.Should().Contain("**Delegation to** `fake-worker` (`toolu_fake1158857d519d51ad`):\n\n```json\n{\n  \"query\": \"Delegated sub-task for: Coordinate some work\"\n}\n```");
        md.Should().Contain("**Tool call** `attemptCompletion`");
        md.Should().Contain("**Result** of `fake-worker` (`toolu_fake1158857d519d51ad`):\n\n```text\nFake final answer. Query was: 'Delegated sub-task for: Coordinate some work'.");
        md.Should().Contain("### Final answer\n\nFake final answer. Query was: 'Coordinate some work'.");
        md.Should().Contain("## Delegation: `fake-worker` (tool call `toolu_fake1158857d519d51ad` of `fake-coordinator`)");
        md.Should().Contain("## Checkpoints").And.Contain("| 1 | `t3u09tsznwuuzn9xbcmvmlu0` | `fake-coordinator` | stoppedByDelegate |");
        md.Should().Contain("## Runs");
        md.Should().NotContain("instructionMessage");
    }

    [Test]
    public async Task Markdown_is_the_default_and_uses_the_title()
    {
        await CliRunner.RunAsync("jobs", "title", "job-fixed-0001", "Greeting test", "--storage-path", Store);

        var result = await CliRunner.RunAsync("jobs", "export", "job-fixed-0001", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        result.OutputLines[0].Should().Be("# Greeting test");
    }

    [Test]
    public async Task Json_is_one_self_contained_document()
    {
        var json = await ExportJsonAsync(Store, "gf13yre28vrnvqtt96gqls80");

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("format").GetString().Should().Be("perstack-job-export");
        root.GetProperty("version").GetInt32().Should().Be(1);
        root.GetProperty("job").GetProperty("id").GetString().Should().Be("gf13yre28vrnvqtt96gqls80");
        root.GetProperty("checkpoints").GetArrayLength().Should().Be(4);
        root.GetProperty("checkpoints")[0].GetProperty("messages").GetArrayLength().Should().BeGreaterThan(0, "checkpoints are exported in full");
        root.GetProperty("runSettings").GetArrayLength().Should().Be(1);
        root.GetProperty("events").GetArrayLength().Should().Be(Directory.GetFiles(Path.Combine(Store, "jobs", "gf13yre28vrnvqtt96gqls80", "runs"), "event-*.json", SearchOption.AllDirectories).Length);
        root.GetProperty("events")[0].GetProperty("type").GetString().Should().Be("startRun");
        var setting = root.GetProperty("runSettings")[0];
        setting.GetProperty("env").EnumerateObject().Should().BeEmpty("the TypeScript run setting's environment values (an API key) never leave");
        setting.GetProperty("envNames").EnumerateArray().Select(n => n.GetString()).Should().Contain("ANTHROPIC_API_KEY");
        json.Should().NotContain("fake-anthropic-key");
    }

    [Test]
    public async Task Output_file_is_written_atomically_and_stdout_stays_empty()
    {
        var file = Path.Combine(Temp.Path, "out", "export.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "old");

        var result = await CliRunner.RunAsync("jobs", "export", Coordinator, "--format", "json", "-o", file, "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().BeEmpty();
        (await File.ReadAllTextAsync(file)).Should().Be(await ExportJsonAsync(Store, Coordinator));
        Directory.GetFiles(Path.GetDirectoryName(file)!).Should().ContainSingle("no temp file is left behind");
    }

    [Test]
    public async Task Export_then_import_into_another_store_round_trips_exactly()
    {
        foreach (var jobId in new[] { Coordinator, "gf13yre28vrnvqtt96gqls80", "job-fixed-0001" })
        {
            var original = await ExportJsonAsync(Store, jobId);
            var file = Path.Combine(Temp.Path, jobId + ".json");
            await File.WriteAllTextAsync(file, original);
            var target = Path.Combine(Temp.Path, "target");

            var import = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", target);

            import.ExitCode.Should().Be(0, import.Error);
            import.OutputLines.Should().Equal(jobId);
            (await ExportJsonAsync(target, jobId)).Should().Be(original);
            Files(Path.Combine(target, "jobs", jobId)).Should().Equal(Files(Path.Combine(Store, "jobs", jobId)));
        }

        var list = await CliRunner.RunAsync("jobs", "list", "--storage-path", Path.Combine(Temp.Path, "target"));
        list.OutputLines.Should().HaveCount(3);
    }

    [Test]
    public async Task Importing_an_existing_job_allocates_a_new_id_and_rewrites_every_reference()
    {
        var original = await ExportJsonAsync(Store, Coordinator);
        var file = Path.Combine(Temp.Path, "export.json");
        await File.WriteAllTextAsync(file, original);

        var import = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", Store);

        import.ExitCode.Should().Be(0, import.Error);
        var newId = import.OutputLines.Should().ContainSingle().Subject;
        newId.Should().NotBe(Coordinator).And.MatchRegex("^[a-z][a-z0-9]{23}$");
        import.ErrorLines.Should().Equal($"Job {Coordinator} already exists; importing it as {newId}");

        var copy = await ExportJsonAsync(Store, newId);
        copy.Should().NotContain(Coordinator, "every jobId, nested checkpoints of events included, is rewritten");
        copy.Replace(newId, Coordinator, StringComparison.Ordinal).Should().Be(original);
        (await ExportJsonAsync(Store, Coordinator)).Should().Be(original, "the original is untouched");
        var show = await CliRunner.RunAsync("jobs", "show", newId, "--json", "--storage-path", Store);
        JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints").GetArrayLength().Should().Be(7);
    }

    [TestCase("{\"format\":\"perstack-job-export\",\"version\":1,", "")]
    [TestCase("[1,2]", "it is not a Perstack job export")]
    [TestCase("{\"format\":\"something-else\",\"version\":1}", "it is not a Perstack job export")]
    [TestCase("{\"format\":\"perstack-job-export\",\"version\":2}", "unsupported version 2 (this build reads version 1)")]
    [TestCase("{\"format\":\"perstack-job-export\",\"version\":1}", "")]
    public async Task Corrupt_input_is_a_one_line_error_and_nothing_is_written(string json, string reason)
    {
        var target = Path.Combine(Temp.Path, "target");
        var file = Path.Combine(Temp.Path, "bad.json");
        await File.WriteAllTextAsync(file, json);

        var result = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", target);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: Invalid export file {file}: {reason}");
        Directory.Exists(target).Should().BeFalse();
    }

    [Test]
    public async Task A_document_with_a_bad_item_deep_inside_is_refused_whole()
    {
        var original = await ExportJsonAsync(Store, Coordinator);
        var target = Path.Combine(Temp.Path, "target");
        var cases = new Dictionary<string, string>
        {
            ["path-like job id"] = original.Replace($"\"id\": \"{Coordinator}\"", "\"id\": \"../evil\"", StringComparison.Ordinal),
            ["foreign checkpoint"] = ReplaceLast(original, $"\"jobId\": \"{Coordinator}\"", "\"jobId\": \"otherjob\""),
            ["bad message type"] = ReplaceLast(original, "\"type\": \"textPart\"", "\"type\": \"nonsense\""),
            ["missing required field"] = ReplaceLast(original, "\"stepNumber\":", "\"stepNumberX\":"),
        };
        foreach (var (name, text) in cases)
        {
            text.Should().NotBe(original, name);
            var file = Path.Combine(Temp.Path, "bad.json");
            await File.WriteAllTextAsync(file, text);

            var result = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", target);

            result.ExitCode.Should().Be(1, name);
            result.ErrorLines.Should().ContainSingle(name).Which.Should().StartWith($"Error: Invalid export file {file}: ", name);
            Directory.Exists(target).Should().BeFalse(name);
        }
    }

    [Test]
    public async Task A_missing_file_is_a_one_line_error()
    {
        var file = Path.Combine(Temp.Path, "nope.json");

        var result = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal($"Error: Cannot read {file}: the file does not exist");
    }

    [Test]
    public async Task Export_errors_are_one_line()
    {
        (await CliRunner.RunAsync("jobs", "export", "nosuchjob", "--storage-path", Store)).ErrorLines.Should().Equal("Job nosuchjob not found");
        (await CliRunner.RunAsync("jobs", "export", "../x", "--storage-path", Store)).ErrorLines.Should().ContainSingle().Which.Should().StartWith("Invalid job id \"../x\"");
        var badFormat = await CliRunner.RunAsync("jobs", "export", Coordinator, "--format", "html", "--storage-path", Store);
        badFormat.ExitCode.Should().Be(1);
        badFormat.ErrorLines[0].Should().Be("Error: Invalid --format \"html\": expected md or json");
    }

    [Test]
    public async Task An_unreadable_checkpoint_is_warned_about_and_the_rest_exported()
    {
        var broken = Path.Combine(Store, "jobs", Coordinator, "checkpoints", "soin4nw76cilq4o3eqjtlcqu.json");
        await File.WriteAllTextAsync(broken, "{");

        var result = await CliRunner.RunAsync("jobs", "export", Coordinator, "--format", "json", "--storage-path", Store);

        result.ExitCode.Should().Be(0);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"warning: skipped {broken}: ");
        JsonDocument.Parse(result.Output).RootElement.GetProperty("checkpoints").GetArrayLength().Should().Be(6);
    }

    private static string ReplaceLast(string text, string oldValue, string newValue)
    {
        int at = text.LastIndexOf(oldValue, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), newValue, text.AsSpan(at + oldValue.Length));
    }
}
