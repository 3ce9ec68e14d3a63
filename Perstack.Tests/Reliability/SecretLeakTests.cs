using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Secrets never land on disk or on stdout: with API keys and tokens in the process environment and in <c>.env</c>,
/// runs of every kind (completed, writer, delegation, interactive stop and answer, stop by error and continue, an MCP
/// skill, a failing start) and the job commands run as child processes; then every file under the workspace (the
/// <c>.env</c> and perstack.toml excepted) and every stdout and stderr line is searched for the secret values.
/// An MCP child with <c>requiredEnv</c> sees its variable and none of the secrets.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class SecretLeakTests : ReliabilityTest
{
    private const string GithubToken = "ghp-canary-7f3a9c1e5b2d4860";
    private const string DbPassword = "dotenv-canary-p4ssw0rd-91d2";
    private const string OpenAiKey = "sk-dotenv-canary-openai-5e8f";
    private const string Needed = "needed-by-the-mcp-skill-4411";

    private static readonly string[] Secrets = [RunWorkspace.ApiKey, GithubToken, DbPassword, OpenAiKey];

    private const string McpExpert = """

        [experts."mcp-user"]
        description = "Uses an external MCP server"
        instruction = "Call env, then attemptCompletion."
        [experts."mcp-user".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]
        [experts."mcp-user".skills."test-mcp"]
        type = "mcpStdioSkill"
        command = '<dotnet>'
        args = ['<dll>', "--stdio"]
        requiredEnv = ["NEEDED_VALUE"]
        pick = ["env"]
        """;

    protected override string Family => "Security";

    [Test]
    [CancelAfter(240_000)]
    public async Task No_secret_value_reaches_the_store_or_the_output_after_runs_of_every_kind(CancellationToken cancellationToken)
    {
        var toml = ConformanceToml.Text + McpExpert.Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal)
            .Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal);
        await using var workspace = RunWorkspace.Create(toml);
        await using var telemetry = Perstack.TestKit.Otlp.OtlpReceiver.Start();
        workspace.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = telemetry.Endpoint;
        workspace.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        // The log file and MCP servers' stderr, at the most talkative level, inside the searched folder.
        workspace.Environment["XDG_STATE_HOME"] = Path.Combine(workspace.Directory, "state");
        workspace.Environment["PERSTACK_LOG_LEVEL"] = "trace";
        workspace.Environment["GITHUB_TOKEN"] = GithubToken;
        File.WriteAllText(Path.Combine(workspace.Directory, ".env"), $"DB_PASSWORD={DbPassword}\nOPENAI_API_KEY=\"{OpenAiKey}\"\nNEEDED_VALUE={Needed}\n");
        var outputs = new List<ProcessResult>();
        async Task<ProcessResult> Run(params string[] args)
        {
            var result = await workspace.RunAsync(args);
            outputs.Add(result);
            return result;
        }

        var basic = await Run("run", "fake-basic", "Say hello", "--verbose");
        basic.ExitCode.Should().Be(0, basic.Error);
        var job = RunWorkspace.JobIdOf(basic);
        (await Run("run", "fake-writer", "Write a file please")).ExitCode.Should().Be(0);
        (await Run("run", "fake-coordinator", "Delegate this")).ExitCode.Should().Be(0);
        var interactive = await Run("run", "fake-interactive", "Ask me");
        (await Run("run", "fake-interactive", "My answer", "--continue-job", RunWorkspace.JobIdOf(interactive), "-i")).ExitCode.Should().Be(0);
        workspace.Server.Enqueue(ScriptedReply.Status(500), ScriptedReply.Status(500));
        var failed = await Run("run", "fake-basic", "Fail please", "--max-retries", "1");
        (await Run("run", "fake-basic", "Again", "--continue-job", RunWorkspace.JobIdOf(failed))).ExitCode.Should().Be(0);
        (await Run("run", "fake-basic", "No key", "--provider", "google")).ExitCode.Should().Be(1, "the google key is missing");

        // The MCP child sees its requiredEnv and nothing else of the run's environment.
        workspace.Server.Enqueue(ScriptedReply.ToolCall("env", """{"name":"NEEDED_VALUE"}"""), ScriptedReply.ToolCall("env", """{"name":"DB_PASSWORD"}"""),
            ScriptedReply.ToolCall("env", """{"name":"GITHUB_TOKEN"}"""), ScriptedReply.ToolCall("env", """{"name":"ANTHROPIC_API_KEY"}"""));
        var mcp = await Run("run", "mcp-user", "Show env", "--verbose");
        mcp.ExitCode.Should().Be(0, mcp.Error);
        var envResults = mcp.OutputLines.Where(l => l.Contains("\"resolveToolResults\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("toolResults")[0].GetProperty("result")[0].GetProperty("text").GetString()).ToList();
        envResults.Should().Equal("[REDACTED:NEEDED_VALUE]", "<unset>", "<unset>", "<unset>");

        foreach (var args in new[] { ["jobs", "list"], ["jobs", "list", "--json"], ["jobs", "show", job], ["jobs", "show", job, "--json"],
                     ["jobs", "export", job], ["jobs", "export", job, "--format", "json"], new[] { "jobs", "fork", job, "--from", "nope" } })
        {
            await Run(args);
        }

        workspace.Server.Requests.Should().OnlyContain(r => r.Header("x-api-key") == RunWorkspace.ApiKey, "the key was in play");
        var files = Directory.EnumerateFiles(workspace.Directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not (".env" or "perstack.toml")).ToList();
        files.Should().Contain(f => f.Contains("run-setting.json", StringComparison.Ordinal));
        files.Should().Contain(f => f.EndsWith("perstack.log", StringComparison.Ordinal)).And.Contain(f => f.EndsWith("test-mcp.log", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Should().BeEmpty($"{file} must not hold a secret");
        }

        var lines = outputs.SelectMany(o => o.OutputLines.Concat(o.ErrorLines)).ToList();
        foreach (var line in lines)
        {
            Secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Should().BeEmpty($"no output line may show a secret: {line}");
        }

        telemetry.Spans.Should().NotBeEmpty("the runs exported their spans");
        foreach (var (path, body) in telemetry.Bodies)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            Secrets.Where(s => SecretScan.Shows(text, s)).Should().BeEmpty($"no exported {path} may show a secret");
        }

        Held("Secrets in the environment and .env vs store and output", outputs.Count,
            $"{outputs.Count} commands (9 runs of 5 kinds incl. interactive, error stop, continue, MCP, failing start; 7 job commands): " +
            $"{files.Count} files, {lines.Count} stdout/stderr lines and {telemetry.Bodies.Count} OTLP exports searched for {Secrets.Length} secret values, none found");
        Held("MCP child environment", 4,
            "an MCP skill's child gets its requiredEnv value (its tool result shows it redacted: [REDACTED:NEEDED_VALUE]); DB_PASSWORD (.env), GITHUB_TOKEN and ANTHROPIC_API_KEY (process env) are unset in it");
    }
}
