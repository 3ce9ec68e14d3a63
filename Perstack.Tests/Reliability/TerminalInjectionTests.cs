using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// A history carrying terminal escape sequences where people read it: a query (from the command line), a tool name
/// (from the model), a title and an expert key (planted in job.json, as a hand-edited or foreign history could). Every
/// command that prints stored strings for people shows them escaped (<c>\x1b</c>); <c>--json</c> still round-trips
/// them exactly; <c>jobs import</c> refuses what <c>jobs title</c> and perstack.toml refuse.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class TerminalInjectionTests : ReliabilityTest
{
    // OSC 52 (sets the clipboard), a screen clear, a cursor move, an 8-bit CSI, a bell, a backspace, a right-to-left override.
    private const string Payload = "\u001b]52;c;SGVsbG8=\u0007\u001b[2J\u001b[10;10H\u009b31m\b\u202e";
    private const string Escaped = @"\x1b]52;c;SGVsbG8=\x07\x1b[2J\x1b[10;10H\x9b31m\x08\u202e";

    protected override string Family => "Terminal injection";

    [Test]
    [CancelAfter(180_000)]
    public async Task Every_human_output_escapes_control_characters_and_json_stays_exact(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Server.Enqueue(ScriptedReply.ToolCall("evil" + Payload, "{}"));
        var run = await workspace.RunAsync("run", "fake-basic", "Hi " + Payload, "--verbose");
        run.ExitCode.Should().Be(0, run.Error);
        var jobId = RunWorkspace.JobIdOf(run);
        var checkpoint = LastCheckpoint(workspace.Store, jobId);
        Plant(workspace.Store, jobId);
        var store = new[] { "--storage-path", workspace.Store };

        string[][] human =
        [
            ["jobs", "list"],
            ["jobs", "show", jobId],
            ["jobs", "export", jobId, "--format", "md"],
            ["log", "--job", jobId],
            ["log", "--job", jobId, "--verbose", "--summary"],
            ["log", "--checkpoint", checkpoint, "--job", jobId, "--messages"],
            ["jobs", "prune", "--keep", "0", "--dry-run"],
            ["run", "fake-basic", "q", "--continue-job", jobId, "--config", Path.Combine(workspace.Directory, "perstack.toml")],
        ];
        int cases = 0;
        var seen = new HashSet<string>();
        foreach (var args in human)
        {
            var result = await CliRunner.RunAsync(workspace.Environment, [.. args, .. store]);
            var because = string.Join(' ', args);
            AssertNoControl(result.Output + result.Error, because);
            foreach (var piece in new[] { @"\x1b]52;c;", @"\x9b31m", @"\u202e" }.Where(p => (result.Output + result.Error).Contains(p, StringComparison.Ordinal)))
            {
                seen.Add($"{args[0]} {args[1]}: {piece}");
            }

            cases++;
        }

        AssertNoControl(run.Error, "run --verbose (stderr)");
        run.Error.Should().Contain("Hi " + Escaped, "run --verbose shows the query's escapes visibly");
        cases++;

        var file = Path.Combine(workspace.Directory, "transcript.md");
        (await CliRunner.RunAsync([.. new[] { "jobs", "export", jobId, "--format", "md", "-o", file }, .. store])).ExitCode.Should().Be(0);
        AssertNoControl(await File.ReadAllTextAsync(file, cancellationToken), "jobs export -o (a file read with cat)");
        cases++;

        seen.Should().Contain(["jobs list: \\x1b]52;c;", "jobs show: \\x1b]52;c;", "log --job: \\x9b31m", "jobs export: \\u202e", "log --checkpoint: \\x1b]52;c;", "run fake-basic: \\x1b]52;c;"]);

        // JSON stays exact: the stored strings come back byte for byte.
        foreach (var args in new[] { new[] { "jobs", "list", "--json" }, ["jobs", "show", jobId, "--json"], ["log", "--job", jobId, "--json"], ["jobs", "export", jobId, "--format", "json"] })
        {
            var result = await CliRunner.RunAsync([.. args, .. store]);
            result.ExitCode.Should().Be(0, result.Error);
            Strings(JsonNode.Parse(result.Output)).Should().Contain("Title " + Payload, $"{string.Join(' ', args)} gives the stored title back exactly");
            result.Output.Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty($"{string.Join(' ', args)}: JSON escapes control characters (\\u001b)");
            cases++;
        }

        Held("Escape sequences (OSC 52, CSI clear/move, 8-bit CSI, BEL, BS, RLO) in a query, a tool name, a title and an expert key", cases,
            "jobs list/show, export md (stdout and -o file), log (plain, --verbose --summary, --messages), prune --dry-run, an error message naming a stored expert key and run --verbose show them escaped (\\x1b…), no raw control character on stdout or stderr; " +
            "jobs list/show/log/export --json parse and give the stored strings back exactly");
    }

    [Test]
    public async Task Import_refuses_what_jobs_title_and_perstack_toml_refuse()
    {
        await using var workspace = RunWorkspace.Create();
        var run = await workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(run);
        var export = await CliRunner.RunAsync("jobs", "export", jobId, "--format", "json", "--storage-path", workspace.Store);
        export.ExitCode.Should().Be(0, export.Error);

        using var other = new TempDirectory();
        var target = Path.Combine(other.Path, "perstack");
        var cases = new (string Where, Action<JsonNode> Plant, string Reason)[]
        {
            ("title", d => d["job"]!["title"] = "Title " + Payload, "job.title: it must be one line of at most 200 characters, without control characters"),
            ("title", d => d["job"]!["title"] = new string('t', 201), "job.title: it must be one line of at most 200 characters, without control characters"),
            ("coordinator", d => d["job"]!["coordinatorExpertKey"] = "fake\u001b[2J", "job.coordinatorExpertKey: not a valid expert key"),
            ("checkpoint expert", d => d["checkpoints"]![0]!["expert"]!["key"] = "x\u009b1m", "checkpoints[0].expert.key: not a valid expert key"),
            ("event", d => d["events"]![0]!["expertKey"] = "\u202eevil", "events[0].expertKey: not a valid expert key"),
        };
        foreach (var (where, plant, reason) in cases)
        {
            var document = JsonNode.Parse(export.Output)!;
            plant(document);
            var file = Path.Combine(other.Path, "planted.json");
            await File.WriteAllTextAsync(file, document.ToJsonString());

            var result = await CliRunner.RunAsync("jobs", "import", file, "--storage-path", target);

            result.ExitCode.Should().Be(1, where);
            result.ErrorLines.Should().Equal($"Error: Invalid export file {file}: {reason}");
            Directory.Exists(Path.Combine(target, "jobs")).Should().BeFalse($"nothing is written ({where})");
        }

        Held("jobs import of an export with planted control characters", cases.Length,
            "a title with escapes or over 200 characters (jobs title's rule) and expert keys with escapes in job.json, a checkpoint and an event (perstack.toml's rule): refused with one line naming the field, nothing written");
    }

    [Test]
    public async Task The_workbench_draws_control_characters_as_visible_symbols()
    {
        using var tui = await Perstack.TestKit.Tui.TuiHarness.StartAsync();
        var path = Path.Combine(tui.Store, "jobs", "job-fixed-0001", "job.json");
        var job = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        job["coordinatorExpertKey"] = "fake" + Payload;
        await File.WriteAllTextAsync(path, job.ToJsonString());

        await tui.PressAsync(Terminal.Gui.Input.Key.R);
        var history = tui.Screen();
        await tui.PressAsync(Terminal.Gui.Input.Key.C);
        var checkpoints = tui.Screen();

        foreach (var screen in new[] { history, checkpoints })
        {
            screen.Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty("Terminal.Gui draws C0 and C1 characters as symbols");
            screen.Should().Contain("fake␛]52;c;SGVsbG8=␇␛[2J");
        }

        Held("The workbench (perstack start) showing an expert key with escape sequences", 2,
            "the job history and checkpoints screens draw them as visible symbols (␛, ␇; Terminal.Gui's own mapping): no raw control character reaches the terminal");
    }

    private static void AssertNoControl(string text, string because)
    {
        var bad = text.Where(c => (char.IsControl(c) && c is not ('\n' or '\t')) || c is '\u202e' or '\u202d').Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        bad.Should().BeEmpty(because);
    }

    /// <summary>A title and expert keys with escapes, as a hand-edited or foreign history could hold them.</summary>
    private static void Plant(string store, string jobId)
    {
        var path = Path.Combine(store, "jobs", jobId, "job.json");
        var job = JsonNode.Parse(File.ReadAllText(path))!;
        job["title"] = "Title " + Payload;
        job["coordinatorExpertKey"] = "fake-basic" + Payload;
        File.WriteAllText(path, job.ToJsonString());
        var checkpoint = Path.Combine(store, "jobs", jobId, "checkpoints", LastCheckpoint(store, jobId) + ".json");
        var node = JsonNode.Parse(File.ReadAllText(checkpoint))!;
        node["expert"]!["key"] = "fake-basic" + Payload;
        File.WriteAllText(checkpoint, node.ToJsonString());
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static string LastCheckpoint(string store, string jobId) =>
        Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(store, "jobs", jobId, "checkpoints")).OrderBy(File.GetLastWriteTimeUtc).Last());
}
