using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Skills;

namespace Perstack.Tests.Skills.Mcp;

/// <summary><c>mcpSseSkill</c>: the test server over streamable HTTP and over legacy SSE, on loopback.</summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed class McpHttpSkillTests
{
    private static TestMcpHttpServer _server = null!;
    private TempDirectory _temp = null!;
    private EventRecorder _events = null!;

    [OneTimeSetUp]
    public static async Task StartServer() => _server = await TestMcpHttpServer.StartAsync();

    [OneTimeTearDown]
    public static async Task StopServer() => await _server.DisposeAsync();

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _events = new EventRecorder();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<McpSkill> StartAsync(McpSseSkill declared)
    {
        var factory = new SkillSetFactory(new BaseSkillOptions(_temp.Path), new McpSkillOptions { StartTimeout = TimeSpan.FromSeconds(20) });
        return (McpSkill)(await factory.StartAsync(TestMcpServer.Expert(declared), [], _events.Target)).Single();
    }

    [TestCase("/", TestName = "Tools_are_listed_and_called_over_streamable_HTTP")]
    [TestCase("/sse", TestName = "Tools_are_listed_and_called_over_SSE")]
    public async Task Tools_are_listed_and_called(string path)
    {
        var skill = await StartAsync(new McpSseSkill { Name = "remote", Endpoint = _server.Url + path, Pick = ["echo", "image"] });
        await using (skill)
        {
            var tools = await skill.ListToolsAsync();
            var echo = await skill.CallToolAsync("echo", Json("""{"text":"hello over http"}"""));
            var image = await skill.CallToolAsync("image", Json("{}"));

            tools.Select(t => t.Name).Should().Equal("echo", "image");
            echo.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("hello over http");
            image.Should().ContainSingle().Which.Should().BeOfType<ImageInlinePart>().Which.MimeType.Should().Be("image/png");
        }

        _events.OfType<SkillStartingEvent>().Should().BeEmpty();
        _events.OfType<SkillConnectedEvent>().Should().ContainSingle().Which.ServerInfo!.Name.Should().Be("test-mcp-server");
        _events.OfType<SkillDisconnectedEvent>().Should().ContainSingle();
    }

    [Test]
    public async Task An_unreachable_endpoint_fails_the_start_naming_the_skill()
    {
        // A port that was just free: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var start = () => StartAsync(new McpSseSkill { Name = "offline", Endpoint = $"http://127.0.0.1:{port}/" });

        (await start.Should().ThrowAsync<PerstackException>()).Which.Message.Should().StartWith("Skill offline failed to start: ").And.NotContain("\n");
    }

    [Test]
    public async Task An_invalid_endpoint_is_refused()
    {
        var start = () => StartAsync(new McpSseSkill { Name = "bad", Endpoint = "not a url" });

        (await start.Should().ThrowAsync<PerstackException>())
            .WithMessage("Skill bad has an invalid endpoint \"not a url\": it must be an absolute http or https URL");
    }
}
