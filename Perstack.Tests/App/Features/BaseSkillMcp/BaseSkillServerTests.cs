using System.IO.Pipelines;
using FluentAssertions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Perstack.App.Features.BaseSkillMcp;
using Perstack.Skills.Base;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.BaseSkillMcp;

/// <summary>The base skill served over MCP in process (two pipes): tools, results and content types as a client sees them.</summary>
[TestFixture]
public sealed class BaseSkillServerTests
{
    private TempDirectory _temp = null!;
    private CancellationTokenSource _stop = null!;
    private Task _server = null!;
    private McpClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _stop = new CancellationTokenSource();
        var toServer = new Pipe();
        var toClient = new Pipe();
        var skill = new BaseSkill(new BaseSkillOptions(_temp.Path), omit: ["think"]);
        _server = BaseSkillServer.RunAsync(skill, toServer.Reader.AsStream(), toClient.Writer.AsStream(), _stop.Token);
        _client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _server.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _temp.Dispose();
    }

    [Test]
    public async Task It_identifies_as_perstack_base_and_lists_the_filtered_tools_with_their_schemas()
    {
        var tools = await _client.ListToolsAsync();

        _client.ServerInfo!.Name.Should().Be("@perstack/base");
        tools.Select(t => t.Name).Should().Equal(BaseSkill.AllToolNames.Where(n => n != "think"));
        tools.Single(t => t.Name == "exec").JsonSchema.GetProperty("required").GetArrayLength().Should().Be(6);
        tools.Single(t => t.Name == "exec").Description.Should().Contain("WITHOUT a shell");
    }

    [Test]
    public async Task A_call_returns_the_json_result_as_text_content()
    {
        var result = await _client.CallToolAsync("writeTextFile", new Dictionary<string, object?> { ["path"] = "n/a.txt", ["text"] = "hi" });

        var text = result.Content.Should().ContainSingle().Which.Should().BeOfType<TextContentBlock>().Subject.Text;
        text.Should().Be($$"""{"path":"{{Path.Combine(_temp.Path, "n", "a.txt")}}","text":"hi"}""");
        result.IsError.Should().NotBeTrue();
    }

    [Test]
    public async Task A_tool_failure_is_text_content_not_a_protocol_error()
    {
        var result = await _client.CallToolAsync("readTextFile", new Dictionary<string, object?> { ["path"] = "/etc/passwd" });

        result.Content.OfType<TextContentBlock>().Single().Text.Should().StartWith("""{"error":"Error","message":"Access denied - path outside allowed directories""");
    }

    [Test]
    public async Task An_image_comes_back_as_text_then_image_content()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 9, 9];
        await File.WriteAllBytesAsync(Path.Combine(_temp.Path, "p.png"), png);

        var result = await _client.CallToolAsync("readImageFile", new Dictionary<string, object?> { ["path"] = "p.png" });

        result.Content.Should().HaveCount(2);
        result.Content[0].Should().BeOfType<TextContentBlock>();
        var image = result.Content[1].Should().BeOfType<ImageContentBlock>().Subject;
        image.MimeType.Should().Be("image/png");
        image.DecodedData.ToArray().Should().Equal(png);
    }

    [Test]
    public async Task A_pdf_comes_back_as_text_then_an_embedded_blob_resource()
    {
        var pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();
        var path = Path.Combine(_temp.Path, "d.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        var result = await _client.CallToolAsync("readPdfFile", new Dictionary<string, object?> { ["path"] = "d.pdf" });

        var blob = result.Content[1].Should().BeOfType<EmbeddedResourceBlock>().Subject.Resource.Should().BeOfType<BlobResourceContents>().Subject;
        blob.MimeType.Should().Be("application/pdf");
        blob.Uri.Should().Be(new Uri(path).AbsoluteUri);
        blob.DecodedData.ToArray().Should().Equal(pdf);
    }

    [Test]
    public async Task State_persists_across_calls_of_one_server()
    {
        await _client.CallToolAsync("todo", new Dictionary<string, object?> { ["newTodos"] = new[] { "a" } });

        var result = await _client.CallToolAsync("attemptCompletion", new Dictionary<string, object?>());

        result.Content.OfType<TextContentBlock>().Single().Text.Should().Be("""{"remainingTodos":[{"id":0,"title":"a","completed":false}]}""");
    }

    [Test]
    public async Task An_unknown_or_omitted_tool_is_a_protocol_error()
    {
        var act = async () => await _client.CallToolAsync("think", new Dictionary<string, object?> { ["thought"] = "x" });

        (await act.Should().ThrowAsync<McpException>()).Which.Message.Should().Contain("Tool think not found");
    }
}
