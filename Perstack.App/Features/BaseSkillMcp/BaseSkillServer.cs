using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Perstack.Core.Domain.Messages;
using Perstack.Skills.Base;

namespace Perstack.App.Features.BaseSkillMcp;

/// <summary>
/// Serves a <see cref="BaseSkill"/> over MCP: its tools, schemas and results as they are (text parts as text content,
/// inline images as image content, inline PDFs as embedded blob resources). Writes nothing but the protocol to its output.
/// </summary>
internal static class BaseSkillServer
{
    /// <summary>Serves on this process's stdin/stdout until the client disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(BaseSkill skill, CancellationToken cancellationToken = default)
    {
        var options = CreateOptions(skill);
        var transport = new StdioServerTransport(options);
        await using (transport.ConfigureAwait(false))
        {
            await RunAsync(transport, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serves on a pair of streams (for in-process use and tests).</summary>
    public static async Task RunAsync(BaseSkill skill, Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        var options = CreateOptions(skill);
        var transport = new StreamServerTransport(input, output, BaseSkill.SkillName);
        await using (transport.ConfigureAwait(false))
        {
            await RunAsync(transport, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Server options whose handlers list and call the skill's tools.</summary>
    public static McpServerOptions CreateOptions(BaseSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var tools = skill.Tools.Select(definition => new Tool
        {
            Name = definition.Name,
            Description = definition.Description,
            InputSchema = definition.InputSchema,
        }).ToList();
        var names = tools.Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal);

        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = BaseSkill.SkillName, Version = Version },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
                CallToolHandler = async (request, cancellationToken) =>
                {
                    var name = request.Params?.Name ?? "";
                    if (!names.Contains(name))
                    {
                        throw new McpProtocolException($"Tool {name} not found", McpErrorCode.InvalidParams);
                    }

                    var parts = await skill.CallToolAsync(name, ToJson(request.Params?.Arguments), cancellationToken).ConfigureAwait(false);
                    return new CallToolResult { Content = ToContent(parts) };
                },
            },
        };
    }

    private static string Version =>
        typeof(BaseSkillServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static async Task RunAsync(ITransport transport, McpServerOptions options, CancellationToken cancellationToken)
    {
        var server = McpServer.Create(transport, options);
        await using (server.ConfigureAwait(false))
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The call's arguments as one JSON object (an absent map is <c>{}</c>).</summary>
    private static JsonElement ToJson(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static List<ContentBlock> ToContent(IReadOnlyList<MessagePart> parts)
    {
        var content = new List<ContentBlock>(parts.Count);
        string? lastPath = null;
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    content.Add(new TextContentBlock { Text = text.Text });
                    lastPath = PathOf(text.Text) ?? lastPath;
                    break;
                case ImageInlinePart image:
                    content.Add(new ImageContentBlock { Data = Encoding.UTF8.GetBytes(image.EncodedData), MimeType = image.MimeType });
                    break;
                case FileInlinePart file:
                    content.Add(new EmbeddedResourceBlock
                    {
                        Resource = new BlobResourceContents
                        {
                            Uri = lastPath is null ? "file:///document" : new Uri(lastPath).AbsoluteUri,
                            MimeType = file.MimeType,
                            Blob = Encoding.UTF8.GetBytes(file.EncodedData),
                        },
                    });
                    break;
            }
        }

        return content;
    }

    /// <summary>The <c>path</c> of a JSON result text, if it has one.</summary>
    private static string? PathOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("path", out var path)
                && path.ValueKind == JsonValueKind.String
                && Path.IsPathFullyQualified(path.GetString()!)
                ? path.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
