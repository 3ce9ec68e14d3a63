using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Logging;

/// <summary>
/// A real <c>perstack run</c> with an MCP stdio server: the run and the MCP client log to <c>perstack.log</c> in the
/// user's state folder at <c>PERSTACK_LOG_LEVEL</c>, the server's stderr is kept per run there too (never in the
/// history tree), and no secret reaches either.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class LogFileTests
{
    private const string Needed = "needed-by-the-mcp-skill-7302";

    private static readonly string Toml = ConformanceToml.Text + """

        [experts."mcp-user"]
        instruction = "Call stderr, then attemptCompletion."
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
        pick = ["stderr"]
        """.Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal).Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal);

    [Test]
    [CancelAfter(120_000)]
    public async Task The_run_and_the_mcp_client_log_to_the_state_folder_and_the_servers_stderr_is_kept_per_run_without_secrets(CancellationToken cancellationToken)
    {
        using var state = new TempDirectory();
        await using var workspace = RunWorkspace.Create(Toml);
        workspace.Environment["XDG_STATE_HOME"] = state.Path;
        workspace.Environment["PERSTACK_LOG_LEVEL"] = "trace";
        workspace.Environment["NEEDED_VALUE"] = Needed;
        workspace.Server.Enqueue(ScriptedReply.ToolCall("stderr", """{"text":"server says %NEEDED_VALUE%"}"""));

        var run = await workspace.RunAsync("run", "mcp-user", "Log something");

        run.ExitCode.Should().Be(0, run.Error);
        var jobId = RunWorkspace.JobIdOf(run);
        var log = File.ReadAllText(Path.Combine(state.Path, "perstack", "perstack.log"));
        log.Should().Contain($"Run of mcp-user stopped: job {jobId}").And.Contain("Run of mcp-user starting");
        log.Should().Contain("ModelContextProtocol", "the MCP client logs through the same factory");
        var stderrFiles = Directory.GetFiles(Path.Combine(state.Path, "perstack", "mcp-stderr", jobId), "*.log", SearchOption.AllDirectories);
        stderrFiles.Should().ContainSingle().Which.Should().EndWith("test-mcp.log");
        var stderr = File.ReadAllText(stderrFiles[0]);
        stderr.Should().Contain("test-mcp-server: started (stdio)").And.Contain("server says [REDACTED:NEEDED_VALUE]");

        foreach (var text in new[] { log, stderr })
        {
            text.Should().NotContain(Needed).And.NotContain(RunWorkspace.ApiKey);
        }

        Directory.EnumerateFiles(workspace.Store, "*", SearchOption.AllDirectories).Select(File.ReadAllText)
            .Should().NotContain(t => t.Contains("test-mcp-server: started", StringComparison.Ordinal), "stderr never goes into the history tree");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_bad_log_level_is_a_one_line_error(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        workspace.Environment["PERSTACK_LOG_LEVEL"] = "loud";

        var run = await workspace.RunAsync("run", "fake-basic", "Say hello");

        run.ExitCode.Should().Be(1);
        run.ErrorLines.Should().ContainSingle().Which.Should().Contain("PERSTACK_LOG_LEVEL must be one of");
    }
}
