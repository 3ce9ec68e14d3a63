using FluentAssertions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.BaseSkillMcp;

/// <summary><c>perstack base-skill</c> as a real child process, driven by the MCP client over stdio.</summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed class BaseSkillProcessTests
{
    [Test]
    public async Task A_client_lists_the_tools_writes_a_file_and_reads_it_back()
    {
        using var workspace = new TempDirectory();
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "perstack-base",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "perstack.dll"), "base-skill", "--workspace", workspace.Path],
            StandardErrorLines = line => { lock (stderr) { stderr.Add(line); } },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        await using (client)
        {
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            var write = await client.CallToolAsync(
                "writeTextFile", new Dictionary<string, object?> { ["path"] = "notes/hello.md", ["text"] = "# Hello\nfrom MCP" }, cancellationToken: timeout.Token);
            var read = await client.CallToolAsync(
                "readTextFile", new Dictionary<string, object?> { ["path"] = "notes/hello.md", ["from"] = 1 }, cancellationToken: timeout.Token);

            client.ServerInfo!.Name.Should().Be("@perstack/base");
            tools.Select(t => t.Name).Should().HaveCount(18).And.Contain(["exec", "writeTextFile", "readTextFile", "attemptCompletion"]);
            write.Content.OfType<TextContentBlock>().Single().Text.Should().Contain("\"text\":\"# Hello\\nfrom MCP\"");
            read.Content.OfType<TextContentBlock>().Single().Text.Should().Be("""{"path":"notes/hello.md","content":"from MCP","from":1,"to":2}""");
        }

        (await File.ReadAllTextAsync(Path.Combine(workspace.Path, "notes", "hello.md"))).Should().Be("# Hello\nfrom MCP");
        lock (stderr)
        {
            stderr.Should().BeEmpty();
        }
    }

    [Test]
    public async Task The_workspace_defaults_to_the_current_directory_of_the_process()
    {
        using var workspace = new TempDirectory();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "perstack.dll"), "base-skill"],
            WorkingDirectory = workspace.Path,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        await using (client)
        {
            var health = await client.CallToolAsync("healthCheck", new Dictionary<string, object?>(), cancellationToken: timeout.Token);

            health.Content.OfType<TextContentBlock>().Single().Text.Should().Contain($"\"workspace\":\"{Path.GetFullPath(workspace.Path)}\"");
        }
    }

    [Test]
    public async Task A_missing_workspace_is_one_line_on_stderr_and_exit_1()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "missing");

        var result = await CliRunner.RunAsync("base-skill", "--workspace", missing);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.Error.Trim().Should().Be($"Workspace {missing} does not exist or is not a directory");
    }
}
