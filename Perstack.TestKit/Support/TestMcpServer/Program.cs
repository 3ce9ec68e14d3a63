using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// Usage:
//   TestMcpServer --stdio [options]         serve MCP on stdin/stdout
//   TestMcpServer --http <port> [options]   serve MCP over streamable HTTP at / and legacy SSE at /sse on
//                                           127.0.0.1:<port> (0: any free port); prints "listening <url>" on stdout
// Options:
//   --touch <file>     create <file> at start (to observe when the process was started)
//   --fail-start       write "test-mcp-server: refusing to start" to stderr and exit 2 at once
//   --hang-start       never answer (sleeps without reading stdin), for start timeouts
// Always writes "test-mcp-server: started (<mode>)" to stderr at start.
// Tools: see TestTools.Definitions (echo, env, slow, hang, parentEnviron…).
var mode = args.Length > 0 ? args[0] : "";
if (mode is not ("--stdio" or "--http") || (mode == "--http" && args.Length < 2))
{
    await Console.Error.WriteLineAsync("usage: TestMcpServer --stdio|--http <port> [--touch <file>] [--fail-start] [--hang-start]");
    return 2;
}

var touch = Array.IndexOf(args, "--touch") is var t and >= 0 && t + 1 < args.Length ? args[t + 1] : null;
if (touch is not null)
{
    await File.WriteAllTextAsync(touch, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Contains("--fail-start"))
{
    await Console.Error.WriteLineAsync("test-mcp-server: refusing to start");
    return 2;
}

await Console.Error.WriteLineAsync($"test-mcp-server: started ({mode.TrimStart('-')})");
if (args.Contains("--hang-start"))
{
    await Task.Delay(Timeout.Infinite);
}

if (mode == "--stdio")
{
    var options = TestTools.CreateOptions();
    var transport = new StdioServerTransport(options);
    await using (transport.ConfigureAwait(false))
    {
        var server = McpServer.Create(transport, options);
        await using (server.ConfigureAwait(false))
        {
            await server.RunAsync();
        }
    }

    return 0;
}

var port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services
    .AddMcpServer(options => TestTools.Configure(options))
    .WithHttpTransport(http =>
    {
        http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004 // Legacy SSE on purpose: the client's SSE fallback is under test, on loopback only.
        http.EnableLegacySse = true;
#pragma warning restore MCP9004
    });
var app = builder.Build();
app.MapMcp();
await app.StartAsync();
Console.WriteLine($"listening {app.Urls.First()}");
await Console.Out.FlushAsync();

// Exits when its standard input closes, so a crashed test never leaves it running.
await Task.Run(() => Console.In.ReadToEnd());
await app.StopAsync();
return 0;

/// <summary>The tools, with hand-written schemas and handlers (no reflection).</summary>
internal static class TestTools
{
    // A 1×1 transparent PNG.
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly (string Name, string Description, string Schema)[] Definitions =
    [
        ("echo", "Returns the text it is given.", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}"""),
        ("env", "Returns the value of an environment variable of the server, or <unset>.", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}"""),
        ("slow", "Sleeps for ms milliseconds, then answers.", """{"type":"object","properties":{"ms":{"type":"integer"}},"required":["ms"]}"""),
        ("crash", "Exits the server process in the middle of the call.", """{"type":"object","properties":{}}"""),
        ("image", "Returns a 1x1 PNG image.", """{"type":"object","properties":{}}"""),
        ("spawnChild", "Starts `sleep 300` as a child of the server and returns its pid.", """{"type":"object","properties":{}}"""),
        ("stderr", "Writes text to the server's stderr.", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}"""),
        ("empty", "Returns no content.", """{"type":"object","properties":{}}"""),
        ("fail", "Answers with an MCP protocol error.", """{"type":"object","properties":{}}"""),
        ("toolError", "Returns a result with isError set.", """{"type":"object","properties":{}}"""),
        ("mixed", "Returns empty text, an embedded text resource, a PDF blob resource, audio and a resource link.", """{"type":"object","properties":{}}"""),
        ("hang", "Never answers, and ignores cancellation.", """{"type":"object","properties":{}}"""),
        ("parentEnviron", "Returns /proc/<parent pid>/environ (NUL as newline), or why it cannot be read.", """{"type":"object","properties":{}}"""),
    ];

    public static McpServerOptions CreateOptions()
    {
        var options = new McpServerOptions();
        Configure(options);
        return options;
    }

    public static void Configure(McpServerOptions options)
    {
        var tools = Definitions.Select(d => new Tool
        {
            Name = d.Name,
            Description = d.Description,
            InputSchema = JsonDocument.Parse(d.Schema).RootElement.Clone(),
        }).ToList();
        options.ServerInfo = new Implementation { Name = "test-mcp-server", Version = "1.2.3" };
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
            CallToolHandler = (request, cancellationToken) => CallAsync(request.Params?.Name ?? "", request.Params?.Arguments, cancellationToken),
        };
    }

    private static async ValueTask<CallToolResult> CallAsync(string name, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "echo":
                return Text(String(arguments, "text"));
            case "env":
                return Text(Environment.GetEnvironmentVariable(String(arguments, "name")) ?? "<unset>");
            case "slow":
                var ms = arguments is not null && arguments.TryGetValue("ms", out var value) ? value.GetInt32() : 0;
                await Task.Delay(ms, cancellationToken);
                return Text($"slept {ms} ms");
            case "crash":
                await Console.Error.WriteLineAsync("test-mcp-server: crashing");
                Environment.Exit(3);
                return Text("unreachable");
            case "image":
                return new CallToolResult { Content = [ImageContentBlock.FromBytes(Png, "image/png")] };
            case "spawnChild":
                var start = new ProcessStartInfo("sleep", "300")
                {
                    UseShellExecute = false,
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using (var child = Process.Start(start)!)
                {
                    return Text(child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

            case "stderr":
                // %NAME% is expanded from the server's environment: a server printing what it was given (a secret).
                await Console.Error.WriteLineAsync(Environment.ExpandEnvironmentVariables(String(arguments, "text")));
                await Console.Error.FlushAsync(cancellationToken);
                return Text("ok");
            case "empty":
                return new CallToolResult { Content = [] };
            case "fail":
                throw new McpProtocolException("fail was asked to fail", McpErrorCode.InvalidParams);
            case "toolError":
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "the tool failed" }] };
            case "mixed":
                return new CallToolResult
                {
                    Content =
                    [
                        new TextContentBlock { Text = "" },
                        new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///notes.txt", MimeType = "text/plain", Text = "resource text" } },
                        new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes("%PDF-1.4"u8.ToArray(), "file:///doc.pdf", "application/pdf") },
                        AudioContentBlock.FromBytes(new byte[] { 1, 2, 3 }, "audio/wav"),
                        new ResourceLinkBlock { Uri = "file:///linked.txt", Name = "linked" },
                    ],
                };
            case "hang":
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                return Text("unreachable");
            case "parentEnviron":
                try
                {
                    var stat = await File.ReadAllTextAsync("/proc/self/stat", cancellationToken);
                    var parent = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                    return Text((await File.ReadAllTextAsync($"/proc/{parent}/environ", cancellationToken)).Replace('\0', '\n'));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Text($"unreadable: {e.GetType().Name}: {e.Message}");
                }

            default:
                throw new McpProtocolException($"Tool {name} not found", McpErrorCode.InvalidParams);
        }
    }

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    private static string String(IDictionary<string, JsonElement>? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
