using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;

namespace Perstack.Tests.TestKit.Processes;

/// <summary>
/// Every child process of the tests runs without the runtime's diagnostics IPC, so a child that is killed leaves no
/// <c>dotnet-diagnostic-*</c> socket (nor <c>clr-debug-pipe-*</c> files) behind in the temp folder.
/// </summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed partial class ChildProcessTests
{
    [Test]
    public async Task A_child_started_through_the_kit_has_diagnostics_off()
    {
        var start = new ProcessStartInfo("sh", ["-c", "printf %s \"$DOTNET_EnableDiagnostics\""]) { RedirectStandardOutput = true };

        using var process = ChildProcess.Start(start);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        output.Should().Be("0");
    }

    [Test]
    public async Task An_mcp_server_the_runtime_starts_with_a_cleared_environment_opens_no_diagnostics_socket()
    {
        using var temp = new TempDirectory();
        var touch = Path.Combine(temp.Path, "server.pid");
        var events = new EventRecorder();
        var factory = new SkillSetFactory(new BaseSkillOptions(temp.Path), new McpSkillOptions { StartTimeout = TimeSpan.FromSeconds(30) });
        var skill = (McpSkill)(await factory.StartAsync(TestMcpServer.Expert(TestMcpServer.Stdio("test", "--touch", touch)), [], events.Target)).Single();
        try
        {
            var pid = TestMcpServer.PidIn(touch);
            var variable = await skill.CallToolAsync("env", JsonDocument.Parse("""{"name":"DOTNET_EnableDiagnostics"}""").RootElement.Clone());

            variable.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("0");
            Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*").Should().BeEmpty("a server the MCP client kills would leave this socket for good");
        }
        finally
        {
            await skill.DisposeAsync();
        }
    }

    [Test]
    public void No_test_starts_a_process_but_through_the_kit()
    {
        var root = RepositoryRoot.Path;
        var direct = new[] { "Perstack.Tests", "Perstack.TestKit" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Where(file => !file.StartsWith("Perstack.TestKit/Support/", StringComparison.Ordinal) && file != "Perstack.TestKit/Processes/ChildProcess.cs")
            .Where(file => DirectStart().IsMatch(File.ReadAllText(Path.Combine(root, file))))
            .ToList();

        direct.Should().BeEmpty("children start through ChildProcess.Start, which turns the diagnostics socket off");
    }

    [GeneratedRegex(@"(?<![\w])Process\.Start\(|new Process\s*[({]")]
    private static partial Regex DirectStart();
}
