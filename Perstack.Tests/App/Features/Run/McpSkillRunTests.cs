using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Run;

/// <summary><c>perstack run</c> with an external stdio MCP server (the test server) next to the built-in base skill.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class McpSkillRunTests
{
    private const string Toml = """
        model = "claude-sonnet-4-5"
        [provider]
        providerName = "anthropic"
        [provider.setting]
        baseUrl = "<base-url>"

        [experts."mcp-user"]
        description = "Uses an external MCP server"
        instruction = "Call echo, then attemptCompletion."
        [experts."mcp-user".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]
        [experts."mcp-user".skills."test-mcp"]
        type = "mcpStdioSkill"
        command = '<dotnet>'
        args = ['<dll>', "--stdio"<extra>]
        pick = ["echo"]
        """;

    /// <summary>The expert <c>mcp-user</c> with the test MCP server as a stdio skill (also run by the native-binary tests).</summary>
    internal static string TomlWith(string extraArgs = "") => Toml
        .Replace("<dotnet>", TestMcpServer.Dotnet, StringComparison.Ordinal)
        .Replace("<dll>", TestMcpServer.DllPath, StringComparison.Ordinal)
        .Replace("<extra>", extraArgs, StringComparison.Ordinal);

    [Test]
    public async Task The_mcp_tools_result_reaches_the_model_and_the_run_completes()
    {
        await using var workspace = RunWorkspace.Create(TomlWith());
        workspace.Server.Enqueue(ScriptedReply.ToolCall("echo", """{"text":"hello from the MCP server"}"""));

        var result = await workspace.RunAsync("run", "mcp-user", "Say hello", "--verbose");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().Equal(
            "startRun@1/mcp-user",
            "startGeneration@1/mcp-user",
            "callTools@1/mcp-user",
            "resolveToolResults@1/mcp-user",
            "finishToolCall@1/mcp-user",
            "continueToNextStep@1/mcp-user",
            "startGeneration@2/mcp-user",
            "callTools@2/mcp-user",
            "attemptCompletion@2/mcp-user",
            "completeRun@2/mcp-user");
        using (var resolved = JsonDocument.Parse(result.OutputLines[3]))
        {
            var toolResult = resolved.RootElement.GetProperty("toolResults")[0];
            toolResult.GetProperty("skillName").GetString().Should().Be("test-mcp");
            toolResult.GetProperty("toolName").GetString().Should().Be("echo");
            toolResult.GetProperty("result")[0].GetProperty("text").GetString().Should().Be("hello from the MCP server");
        }

        workspace.Server.Requests[0].Body.Should().Contain("\"echo\"").And.Contain("\"attemptCompletion\"");
        result.ErrorLines.Should().Contain($"skillStarting test-mcp: {TestMcpServer.Dotnet} {TestMcpServer.DllPath} --stdio");
        result.ErrorLines.Should().Contain(line => line.StartsWith("skillConnected test-mcp test-mcp-server 1.2.3 in ", StringComparison.Ordinal));
        result.ErrorLines.Should().Contain("skillStderr test-mcp: test-mcp-server: started (stdio)");
        result.ErrorLines.Should().Contain("skillDisconnected test-mcp");
    }

    [Test]
    public async Task A_server_that_cannot_start_fails_the_run_with_one_line_naming_the_skill()
    {
        await using var workspace = RunWorkspace.Create(TomlWith(", \"--fail-start\""));

        var result = await workspace.RunAsync("run", "mcp-user", "Say hello");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("Skill test-mcp failed to start: ");
        workspace.Server.Requests.Should().BeEmpty();
        var job = Directory.GetFiles(Path.Combine(workspace.Store, "jobs"), "job.json", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        using var json = JsonDocument.Parse(File.ReadAllText(job));
        json.RootElement.GetProperty("status").GetString().Should().Be("stoppedByError");
    }
}
