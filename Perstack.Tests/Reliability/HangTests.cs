using System.Diagnostics;
using FluentAssertions;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;
using Perstack.Tests.App.Features.Run;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Nothing a model does with its tools hangs a run, end to end through <c>perstack run</c>: every file tool given a FIFO
/// it made with <c>exec mkfifo</c> refuses it at once (no reader or writer left waiting on it), and an MCP tool that
/// never answers, or answers too late, ends in a tool error at <c>toolTimeout</c>; the run completes and no server
/// process is left behind.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
[Platform("Linux")]
public sealed class HangTests : ReliabilityTest
{
    private const string FileToolsToml = ConformanceToml.Text + """


        [experts."reader"]
        instruction = "Make FIFOs, use them as files, then call attemptCompletion."
        [experts."reader".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["exec", "readTextFile", "writeTextFile", "appendTextFile", "editTextFile", "readImageFile", "readPdfFile", "attemptCompletion"]
        """;

    protected override string Family => "Hangs";

    [Test]
    [CancelAfter(180_000)]
    public async Task Every_file_tool_refuses_a_fifo_at_once_and_the_run_completes(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create(FileToolsToml);
        var uses = new (string Tool, string Path, string Args)[]
        {
            ("readTextFile", "pipe", """{"path":"pipe"}"""),
            ("writeTextFile", "pipe", """{"path":"pipe","text":"x"}"""),
            ("appendTextFile", "pipe", """{"path":"pipe","text":"x"}"""),
            ("editTextFile", "pipe", """{"path":"pipe","oldText":"a","newText":"b"}"""),
            ("readImageFile", "pipe.png", """{"path":"pipe.png"}"""),
            ("readPdfFile", "pipe.pdf", """{"path":"pipe.pdf"}"""),
        };
        workspace.Server.Enqueue([
            ScriptedReply.ToolCall("exec", """{"command":"mkfifo","args":["pipe","pipe.png","pipe.pdf"],"env":{},"cwd":".","stdout":true,"stderr":true}"""),
            .. uses.Select(u => ScriptedReply.ToolCall(u.Tool, u.Args))]);
        var clock = Stopwatch.StartNew();

        var result = await workspace.RunAsync("run", "reader", "Use the pipes");

        result.ExitCode.Should().Be(0, result.Error);
        var elapsed = clock.Elapsed;
        RunWorkspace.Sequence(result)[^1].Should().Be($"completeRun@{uses.Length + 2}/reader");
        var answers = RunWorkspace.ToolResultTexts(result).Skip(1).ToList();
        for (int i = 0; i < uses.Length; i++)
        {
            answers[i].Should().Be(
                $$"""{"error":"Error","message":"Path {{uses[i].Path}} is not a regular file (it is a FIFO); the file tools read and write regular files only"}""", uses[i].Tool);
        }

        foreach (var fifo in new[] { "pipe", "pipe.png", "pipe.pdf" })
        {
            using var probe = ChildProcess.Start(new ProcessStartInfo("timeout", ["1", "sh", "-c", $"echo x > {fifo}"]) { WorkingDirectory = workspace.Directory })!;
            await probe.WaitForExitAsync(cancellationToken);
            probe.ExitCode.Should().Be(124, $"no reader is left waiting on {fifo}");
        }

        Held("FIFO given to every file tool", uses.Length,
            $"readTextFile, writeTextFile, appendTextFile, editTextFile, readImageFile and readPdfFile of FIFOs the model made with exec mkfifo (before: readTextFile hung the run forever): each refused at once with \"is not a regular file (it is a FIFO)\", the run completed in {elapsed.TotalSeconds:F1} s, no reader left waiting on any FIFO");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task An_mcp_tool_that_never_answers_or_answers_too_late_ends_in_an_error_at_the_tool_timeout(CancellationToken cancellationToken)
    {
        var touch = Path.Combine(Path.GetTempPath(), "perstack-hang-" + Guid.NewGuid().ToString("N"));
        var toml = "toolTimeout = 1500\n" + McpSkillRunTests.TomlWith($", \"--touch\", '{touch}'")
            .Replace("pick = [\"echo\"]", "pick = [\"hang\", \"slow\"]", StringComparison.Ordinal);
        await using var workspace = RunWorkspace.Create(toml);
        workspace.Server.Enqueue(ScriptedReply.ToolCall("hang"), ScriptedReply.ToolCall("slow", """{"ms":600000}"""));
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await workspace.RunAsync("run", "mcp-user", "Wait for it");

            result.ExitCode.Should().Be(0, result.Error);
            RunWorkspace.Sequence(result)[^1].Should().Be("completeRun@3/mcp-user");
            foreach (var (answer, tool) in RunWorkspace.ToolResultTexts(result).Zip(["hang", "slow"]))
            {
                answer.Should().BeOneOf(
                    $"Error calling tool {tool}: Request timed out after 1500 ms",
                    $"Error calling tool {tool}: the call did not finish within 1500 ms (toolTimeout) and was stopped");
            }

            var pid = int.Parse(await File.ReadAllTextAsync(touch, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            TestMcpServer.IsAlive(pid).Should().BeFalse("the server's process tree is killed when the pass ends");
            Held("MCP tool that never answers (toolTimeout)", 2,
                $"a tool that ignores cancellation and one asked to sleep 10 minutes, with toolTimeout = 1500: each ended in a tool error the model saw, the run completed in {clock.Elapsed.TotalSeconds:F1} s and the server process was gone after it");
        }
        finally
        {
            File.Delete(touch);
        }
    }
}
