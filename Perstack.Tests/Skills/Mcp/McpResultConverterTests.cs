using System.Text.Json;
using FluentAssertions;
using ModelContextProtocol.Protocol;
using Perstack.Core.Domain.Messages;
using Perstack.Skills.Mcp;

namespace Perstack.Tests.Skills.Mcp;

/// <summary>MCP tool results → the parts the model sees (runtime spec §3.5).</summary>
[TestFixture]
public sealed class McpResultConverterTests
{
    private static readonly JsonElement Args = JsonDocument.Parse("""{"q":"x","n":1}""").RootElement.Clone();

    [Test]
    public void Text_image_and_embedded_resources_are_kept_audio_and_links_dropped()
    {
        var parts = McpResultConverter.ToParts("t", Args, new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = "hello" },
                new TextContentBlock { Text = "" },
                ImageContentBlock.FromBytes(new byte[] { 1, 2, 3 }, "image/png"),
                AudioContentBlock.FromBytes(new byte[] { 4 }, "audio/wav"),
                new ResourceLinkBlock { Uri = "file:///a", Name = "a" },
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///b", Text = "embedded" } },
                new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes(new byte[] { 5, 6 }, "file:///c.pdf", "application/pdf") },
                new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes(new byte[] { 7 }, "file:///d") },
            ],
        });

        parts.Should().HaveCount(5);
        parts[0].Should().BeOfType<TextPart>().Which.Text.Should().Be("hello");
        parts[1].Should().BeOfType<TextPart>().Which.Text.Should().Be("Error: No content");
        parts[2].Should().BeEquivalentTo(new { MimeType = "image/png", EncodedData = Convert.ToBase64String(new byte[] { 1, 2, 3 }) });
        parts[3].Should().BeOfType<TextPart>().Which.Text.Should().Be("embedded");
        parts[4].Should().BeOfType<FileInlinePart>().Which.Should().BeEquivalentTo(new { MimeType = "application/pdf", EncodedData = Convert.ToBase64String(new byte[] { 5, 6 }) });
        parts.Select(p => p.Id).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().HaveLength(24));
    }

    [Test]
    public void Nothing_left_is_the_returned_nothing_text_with_the_arguments()
    {
        var empty = McpResultConverter.ToParts("search", Args, new CallToolResult { Content = [] });
        var onlyAudio = McpResultConverter.ToParts("search", default, new CallToolResult { Content = [AudioContentBlock.FromBytes(new byte[] { 1 }, "audio/wav")] });

        empty.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("""Tool search returned nothing with arguments: {"q":"x","n":1}""");
        onlyAudio.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("Tool search returned nothing with arguments: {}");
    }

    [Test]
    public void IsError_results_keep_their_content()
    {
        var parts = McpResultConverter.ToParts("t", Args, new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "bad input" }] });

        parts.Should().ContainSingle().Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("bad input");
    }

    [Test]
    public void Errors_are_one_line()
    {
        McpResultConverter.Error("t", "first line\r\n  second line\n\nthird").Should().ContainSingle()
            .Which.Should().BeOfType<TextPart>().Which.Text.Should().Be("Error calling tool t: first line second line third");
    }
}
