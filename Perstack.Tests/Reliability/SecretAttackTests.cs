using System.Text.Json;
using FluentAssertions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.TestKit.Tui;

namespace Perstack.Tests.Reliability;

/// <summary>
/// A model that goes looking for the keys, run as the unprivileged user <c>nobody</c> (root may read any process's
/// environment): through <c>exec</c> reading <c>/proc/$PPID/environ</c>, an MCP server reading its parent's, the file
/// tools reading <c>.env</c>, and <c>exec</c> printing the values plain, base64 (both alphabets, three alignments),
/// URL-encoded and JSON-escaped. Nothing it gets back, nothing stored and nothing printed shows a secret (checked by
/// <see cref="SecretScan"/>, written apart from the redactor). A secret split across streamed deltas is never shown live.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
[Platform("Linux")]
public sealed class SecretAttackTests : ReliabilityTest
{
    private const string GithubToken = "ghp-canary-7f3a9c1e5b2d4860";
    private const string DbPassword = "dotenv-canary-p4ssw0rd+/91d2";
    private const string OpenAiKey = "sk-dotenv-canary-openai-5e8f";
    private const string Needed = "needed-by-the-mcp-skill-4411";

    private static readonly string[] Secrets = [RunWorkspace.ApiKey, GithubToken, DbPassword, OpenAiKey, Needed];

    private const string AttackerToml = """

        [experts."attacker"]
        instruction = "Find the keys."
        [experts."attacker".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["exec", "readTextFile", "attemptCompletion"]
        [experts."attacker".skills."test-mcp"]
        type = "mcpStdioSkill"
        command = '<dotnet>'
        args = ['<dll>', "--stdio"]
        requiredEnv = ["NEEDED_VALUE"]
        pick = ["parentEnviron", "env"]
        """;

    protected override string Family => "Secrets";

    private static string Exec(string script) =>
        JsonSerializer.Serialize(new { command = "bash", args = new[] { "-c", script }, env = new { }, cwd = ".", stdout = true, stderr = true });

    [Test]
    [CancelAfter(240_000)]
    public async Task A_model_hunting_for_the_keys_as_an_unprivileged_user_gets_none_back_and_none_is_kept(CancellationToken cancellationToken)
    {
        var drop = LimitedProcess.DropPrivileges("root may read any process's /proc/<pid>/environ, so the protection cannot be shown");
        var toml = ConformanceToml.Text + AttackerToml.Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal)
            .Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal);
        await using var workspace = RunWorkspace.Create(toml);
        workspace.Environment["GITHUB_TOKEN"] = GithubToken;
        File.WriteAllText(Path.Combine(workspace.Directory, ".env"), $"DB_PASSWORD={DbPassword}\nOPENAI_API_KEY=\"{OpenAiKey}\"\nNEEDED_VALUE={Needed}\n");
        var encoded = Secrets.Where(s => s != GithubToken).SelectMany(s => new[]
        {
            Uri.EscapeDataString(s), Uri.EscapeDataString(s).ToLowerInvariant(), JsonSerializer.Serialize(s), JsonSerializer.Serialize(s).Replace("/", "\\/", StringComparison.Ordinal),
        });
        File.WriteAllLines(Path.Combine(workspace.Directory, "encoded.txt"), encoded);
        if (drop is not null)
        {
            using var chown = ChildProcess.Start("chown", ["-R", $"{LimitedProcess.Nobody}:{LimitedProcess.Nobody}", workspace.Directory])!;
            await chown.WaitForExitAsync(cancellationToken);
        }

        var attacks = new (string Name, string Tool, string Args)[]
        {
            ("exec reads /proc/$PPID/environ", "exec", Exec("tr '\\0' '\\n' < /proc/$PPID/environ")),
            ("an MCP server reads /proc/<ppid>/environ", "parentEnviron", "{}"),
            ("readTextFile .env", "readTextFile", """{"path":".env"}"""),
            ("exec prints .env", "exec", Exec("cat .env")),
            ("exec prints .env in base64, three alignments", "exec", Exec("base64 -w0 .env; echo; tail -c +2 .env | base64 -w0; echo; tail -c +3 .env | base64 -w0")),
            ("exec prints .env in URL-safe base64", "exec", Exec("tail -c +2 .env | base64 -w0 | tr '+/' '-_'")),
            ("exec prints URL-encoded and JSON-escaped values", "exec", Exec("cat encoded.txt")),
            ("readTextFile of URL-encoded and JSON-escaped values", "readTextFile", """{"path":"encoded.txt"}"""),
            ("the MCP server returns its requiredEnv value", "env", """{"name":"NEEDED_VALUE"}"""),
        };
        workspace.Server.Enqueue([.. attacks.Select(a => ScriptedReply.ToolCall(a.Tool, a.Args))]);

        var result = await LimitedProcess.RunAsync(workspace, drop, "run", "attacker", "Find the keys", "--verbose");

        result.ExitCode.Should().Be(0, result.Error);
        var answers = RunWorkspace.ToolResultTexts(result);
        answers.Should().HaveCount(attacks.Length);
        for (int i = 0; i < attacks.Length; i++)
        {
            Secrets.Where(s => SecretScan.Shows(answers[i], s)).Should().BeEmpty($"{attacks[i].Name} answered: {answers[i]}");
        }

        answers[0].Should().Contain("Permission denied", "the perstack process is not dumpable, so its environ is closed to its children");
        answers[1].Should().StartWith("unreadable: UnauthorizedAccessException");
        answers[2].Should().Contain("is an environment file");
        foreach (var redacted in answers.Skip(3).Take(5))
        {
            redacted.Should().Contain("[REDACTED:");
        }

        answers[8].Should().Be("[REDACTED:NEEDED_VALUE]");
        var files = Directory.EnumerateFiles(workspace.Directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not (".env" or "perstack.toml" or "encoded.txt")).ToList();
        files.Should().Contain(f => f.EndsWith(".json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Secrets.Where(s => SecretScan.Shows(text, s)).Should().BeEmpty($"{file} must not hold a secret");
        }

        var lines = result.OutputLines.Concat(result.ErrorLines).ToList();
        Secrets.Where(s => lines.Any(l => SecretScan.Shows(l, s))).Should().BeEmpty("no output line may show a secret");
        var requests = workspace.Server.Requests;
        Secrets.Where(s => requests.Any(r => SecretScan.Shows(r.Body, s))).Should().BeEmpty("nothing sent back to the model may show a secret");
        Held("Process environment read by the run's children (exec, MCP server)", 2,
            "run as nobody (setpriv; the tests run as root): exec reading /proc/$PPID/environ gets \"Permission denied\" and an MCP server reading its parent's environ gets EACCES (perstack is not dumpable); neither sees a key");
        Held("Environment files and encodings through the tools", attacks.Length - 2,
            $"readTextFile .env refused; exec printing .env plain, base64 (3 alignments, both alphabets), URL-encoded and JSON-escaped, readTextFile of the encoded forms and an MCP requiredEnv value: every answer redacted; {files.Count} stored files, {lines.Count} output lines and {requests.Count} requests sent to the model show none of {Secrets.Length} secrets in any form");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task As_root_the_provider_key_is_gone_from_the_environ_the_process_shows(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create(ConformanceToml.Text + AttackerToml.Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal)
            .Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(workspace.Directory, ".env"), $"NEEDED_VALUE={Needed}\n");
        workspace.Server.Enqueue(ScriptedReply.ToolCall("exec", Exec("tr '\\0' '\\n' < /proc/$PPID/environ | cut -d= -f1")), ScriptedReply.ToolCall("parentEnviron"));

        var result = await workspace.RunAsync("run", "attacker", "Find the keys");

        result.ExitCode.Should().Be(0, result.Error);
        var answers = RunWorkspace.ToolResultTexts(result);
        if (Environment.UserName == "root")
        {
            answers[0].Should().NotContain("ANTHROPIC_API_KEY", "even root, who may read the environ, finds the key's entry erased");
            answers[0].Should().Contain("PATH");
        }

        answers[1].Should().NotContain(RunWorkspace.ApiKey);
        Held("Provider key in the process's own environment block", 2,
            "erased from the initial environment block at start: /proc/<pid>/environ, read by exec (as root) and by an MCP server, holds no ANTHROPIC_API_KEY entry; the run still authenticates (from the copy taken at start)");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_key_split_across_streamed_deltas_is_never_shown_live_nor_stored(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        var text = new string('a', 20) + RunWorkspace.ApiKey + new string('b', 20);
        workspace.Server.Enqueue(ScriptedReply.ToolCall("attemptCompletion"), ScriptedReply.Text(text));
        var stores = new Stores(workspace.Store);
        var launcher = RunLaunchers.For(stores, new RunOverrides { WorkingDirectory = workspace.Directory },
            () => new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = RunWorkspace.ApiKey });
        var live = new LiveRecorder();

        var final = await launcher.RunAsync(new RunSelection("fake-basic", "Say hello", null), live, cancellationToken);

        var expected = new string('a', 20) + "[REDACTED:ANTHROPIC_API_KEY]" + new string('b', 20);
        var deltas = live.Events.Where(e => e.Kind == LiveStreamKind.StreamRunResult).Select(e => e.Text).ToList();
        deltas.Should().HaveCountGreaterThan(1, "the scripted server streams the text in two halves, cut inside the key");
        string.Concat(deltas).Should().Be(expected);
        deltas.Should().NotContain(d => d.Contains("sk-ant", StringComparison.Ordinal) || d.Contains("0123456789", StringComparison.Ordinal));
        live.Events[^1].Text.Should().Be(expected);
        var completed = (CompleteRunEvent)(await stores.Events.GetAsync((await stores.Events.ListAsync(final.JobId, final.RunId, cancellationToken)).Items[^1], cancellationToken))!;
        completed.Text.Should().Be(expected);
        Held("Secret split across streamed deltas", deltas.Count,
            $"a final answer holding the key, streamed in {deltas.Count} deltas cut inside it: the live stream shows the redacted text only (the start of the key is held back until it is known), and so do the completeRun event and checkpoint");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_hard_link_to_a_file_outside_the_workspace_cannot_be_read_or_edited_through(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create(ConformanceToml.Text + AttackerToml.Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal)
            .Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal).Replace("pick = [\"exec\", \"readTextFile\", \"attemptCompletion\"]",
                "pick = [\"readTextFile\", \"writeTextFile\", \"appendTextFile\", \"editTextFile\", \"attemptCompletion\"]", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(workspace.Directory, ".env"), $"NEEDED_VALUE={Needed}\n");
        var outside = Path.Combine(Path.GetTempPath(), "perstack-outside-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, "outside the workspace");
        try
        {
            using (var link = ChildProcess.Start("ln", [outside, Path.Combine(workspace.Directory, "linked.txt")])!)
            {
                await link.WaitForExitAsync(cancellationToken);
                link.ExitCode.Should().Be(0, "the temp folder and the workspace are on one file system");
            }

            var uses = new (string Tool, string Args)[]
            {
                ("readTextFile", """{"path":"linked.txt"}"""),
                ("writeTextFile", """{"path":"linked.txt","text":"overwritten"}"""),
                ("appendTextFile", """{"path":"linked.txt","text":"appended"}"""),
                ("editTextFile", """{"path":"linked.txt","oldText":"outside","newText":"edited"}"""),
            };
            workspace.Server.Enqueue([.. uses.Select(u => ScriptedReply.ToolCall(u.Tool, u.Args))]);

            var result = await workspace.RunAsync("run", "attacker", "Use the link");

            result.ExitCode.Should().Be(0, result.Error);
            var answers = RunWorkspace.ToolResultTexts(result);
            answers.Should().HaveCount(uses.Length).And.OnlyContain(a => a.Contains("linked.txt has 2 hard links", StringComparison.Ordinal));
            File.ReadAllText(outside).Should().Be("outside the workspace");
            Held("Hard link to a file outside the workspace", uses.Length,
                "readTextFile, writeTextFile, appendTextFile and editTextFile of a hard link to a file outside refused (\"has 2 hard links\"); the outside file unchanged");
        }
        finally
        {
            File.Delete(outside);
        }
    }

    private sealed class LiveRecorder : IRunEventSink, ILiveStreamSink
    {
        private readonly List<LiveStreamEvent> _events = [];

        public IReadOnlyList<LiveStreamEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public void OnLiveStream(LiveStreamEvent liveEvent)
        {
            lock (_events)
            {
                _events.Add(liveEvent);
            }
        }
    }
}
