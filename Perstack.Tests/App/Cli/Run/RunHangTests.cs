using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Perstack.Tests.App.Helpers;
using Perstack.Tests.Core.Skills.Mcp;
using Perstack.Tests.Helpers.ScriptedLlm;

namespace Perstack.Tests.App.Cli.Run;

/// <summary>
/// Nothing a model does with tools hangs a run: <c>readTextFile</c> of a FIFO it made with <c>exec mkfifo</c> is
/// refused at once, and a tool that never answers (a hanging MCP server) ends in an error at <c>toolTimeout</c>; the
/// run completes, with no reader left on the FIFO and no server process left behind.
/// </summary>
[Platform("Linux")]
public sealed class RunHangTests
{
    private const string ReaderToml = ConformanceToml.Text + """


        [experts."reader"]
        instruction = "Make a FIFO, read it, then call attemptCompletion."
        [experts."reader".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["exec", "readTextFile", "attemptCompletion"]
        """;

    private static string ToolResultText(ProcessResult result, int index) =>
        result.OutputLines.Where(l => l.Contains("\"resolveToolResults\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("toolResults")[0].GetProperty("result")[0].GetProperty("text").GetString()!)
            .ElementAt(index);

    [Test]
    [CancelAfter(120_000)]
    public async Task Reading_a_fifo_the_model_made_is_refused_at_once_and_the_run_completes()
    {
        await using var workspace = RunWorkspace.Create(ReaderToml);
        workspace.Server.Enqueue(
            ScriptedReply.ToolCall("exec", """{"command":"mkfifo","args":["pipe"],"env":{},"cwd":".","stdout":true,"stderr":true}"""),
            ScriptedReply.ToolCall("readTextFile", """{"path":"pipe"}"""));
        var clock = Stopwatch.StartNew();

        var result = await workspace.RunAsync("run", "reader", "Read the pipe");

        result.ExitCode.Should().Be(0, result.Error);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        RunWorkspace.Sequence(result)[^1].Should().Be("completeRun@3/reader");
        ToolResultText(result, 1).Should().Be(
            """{"error":"Error","message":"Path pipe is not a regular file (it is a FIFO); the file tools read and write regular files only"}""");
        using var probe = Process.Start(new ProcessStartInfo("timeout", ["1", "sh", "-c", "echo x > pipe"]) { WorkingDirectory = workspace.Directory })!;
        await probe.WaitForExitAsync();
        probe.ExitCode.Should().Be(124, "no reader is left waiting on the FIFO");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_hanging_mcp_tool_ends_in_an_error_at_the_tool_timeout_and_leaves_no_server_behind()
    {
        var touch = Path.Combine(Path.GetTempPath(), "perstack-hang-" + Guid.NewGuid().ToString("N"));
        var toml = "toolTimeout = 1500\n" + McpSkillRunTests.TomlWith($", \"--touch\", '{touch}'").Replace("pick = [\"echo\"]", "pick = [\"hang\"]", StringComparison.Ordinal);
        await using var workspace = RunWorkspace.Create(toml);
        workspace.Server.Enqueue(ScriptedReply.ToolCall("hang"));

        try
        {
            var result = await workspace.RunAsync("run", "mcp-user", "Wait for it");

            result.ExitCode.Should().Be(0, result.Error);
            RunWorkspace.Sequence(result)[^1].Should().Be("completeRun@2/mcp-user");
            ToolResultText(result, 0).Should().BeOneOf(
                "Error calling tool hang: Request timed out after 1500 ms",
                "Error calling tool hang: the call did not finish within 1500 ms (toolTimeout) and was stopped");
            var pid = int.Parse(await File.ReadAllTextAsync(touch), System.Globalization.CultureInfo.InvariantCulture);
            TestMcpServer.IsAlive(pid).Should().BeFalse("the server's process tree is killed when the pass ends");
        }
        finally
        {
            File.Delete(touch);
        }
    }
}
