using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;

namespace Perstack.Skills.Mcp;

/// <summary>
/// An external MCP server: a child process over stdio (<c>mcpStdioSkill</c>) or an HTTP endpoint (<c>mcpSseSkill</c>,
/// streamable HTTP with a fallback to SSE).
/// <para>
/// <b>Starting.</b> <see cref="ConnectAsync"/> spawns (or connects), does the MCP handshake and lists the tools once;
/// it fails with <c>Skill &lt;name&gt; failed to start: &lt;reason&gt;</c>. A lazy skill (<see cref="LazyInit"/>) is not
/// started by <see cref="SkillSetFactory"/>: it starts on its first <see cref="ListToolsAsync"/> or
/// <see cref="CallToolAsync"/>, which waits for it; concurrent callers share one start.
/// </para>
/// <para>
/// <b>Calls</b> never throw (except <see cref="OperationCanceledException"/> when the caller cancels): an MCP error,
/// a call that outlives <see cref="McpSkillOptions.CallTimeout"/> (the server is told to cancel it and stays
/// connected) and a server that died come back as <c>Error calling tool &lt;name&gt;: &lt;message&gt;</c>. A server
/// that dies (or whose connection drops) is reported once as <c>skillDisconnected</c>; later calls answer with an
/// error result.
/// </para>
/// <para>
/// <b>Stdio children</b> get only the environment of their <see cref="StdioLaunch"/>, never this process's.
/// <see cref="DisposeAsync"/> kills the child's whole process tree (also mid-start and mid-call) and waits until
/// every queued event is delivered.
/// </para>
/// <para>
/// <b>Events</b> (to the <see cref="SkillEventTarget"/>): <c>skillStarting</c> before a stdio spawn,
/// <c>skillConnected</c> after the first tool listing, <c>skillStderr</c> per stderr line, <c>skillDisconnected</c>
/// when a connected server goes away (crash or dispose).
/// </para>
/// </summary>
public sealed partial class McpSkill : ISkillManager
{
    private const string ClientVersion = "1.0.0";

    /// <summary>How long a failing transport waits for the server process to exit, to report its exit code and stderr.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);

    private readonly McpSkillOptions _options;
    private readonly StdioLaunch? _stdio;
    private readonly Uri? _endpoint;
    private readonly HashSet<string> _pick;
    private readonly HashSet<string> _omit;
    private readonly SkillEventPump? _events;
    private readonly McpStderrFile? _stderr;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private Task<Connection>? _connecting;
    private bool _connected;
    private bool _disconnected;
    private bool _disposed;

    private McpSkill(string name, StdioLaunch? stdio, Uri? endpoint, IEnumerable<string> pick, IEnumerable<string> omit, bool lazyInit, McpSkillOptions options, SkillEventTarget? events)
    {
        Name = name;
        _stdio = stdio;
        _endpoint = endpoint;
        _pick = pick.ToHashSet(StringComparer.Ordinal);
        _omit = omit.ToHashSet(StringComparer.Ordinal);
        LazyInit = lazyInit;
        _options = options;
        _events = events is null ? null : new SkillEventPump(events);
        _stderr = stdio is not null && options.StderrFolder is { } folder && events is not null
            ? new McpStderrFile(folder, events.JobId, events.RunId, name, options.Secrets)
            : null;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SkillKind Kind => SkillKind.Mcp;

    /// <summary>Whether the server starts on first use instead of with the pass.</summary>
    public bool LazyInit { get; }

    /// <summary>Whether the server was started (or a start was attempted).</summary>
    public bool Started
    {
        get
        {
            lock (_gate)
            {
                return _connecting is not null;
            }
        }
    }

    /// <summary>The stdio launch (null for an HTTP skill).</summary>
    public StdioLaunch? Launch => _stdio;

    /// <summary>
    /// A stdio skill; nothing is started yet. <c>lazyInit</c> is honoured except for a skill named
    /// <c>@perstack/base</c>.
    /// </summary>
    /// <param name="skill">The declaration.</param>
    /// <param name="options">Environment, timeouts, working directory.</param>
    /// <param name="events">Where events go; null: nowhere.</param>
    /// <param name="commandLine">Replaces the declaration's command, packageName and args (<c>perstackBaseSkillCommand</c>).</param>
    /// <exception cref="PerstackException">The launch cannot be resolved (see <see cref="StdioLaunch.Resolve"/>).</exception>
    public static McpSkill Stdio(McpStdioSkill skill, McpSkillOptions options, SkillEventTarget? events = null, IReadOnlyList<string>? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(options);
        var launch = StdioLaunch.Resolve(skill, options, commandLine);
        bool lazy = skill.LazyInit && skill.Name != Base.BaseSkill.SkillName;
        return new McpSkill(skill.Name, launch, endpoint: null, skill.Pick, skill.Omit, lazy, options, events);
    }

    /// <summary>An HTTP skill (streamable HTTP, falling back to SSE); nothing is connected yet.</summary>
    /// <exception cref="PerstackException">The endpoint is not an absolute http(s) URL.</exception>
    public static McpSkill Http(McpSseSkill skill, McpSkillOptions options, SkillEventTarget? events = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(skill.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new PerstackException($"Skill {skill.Name} has an invalid endpoint \"{skill.Endpoint}\": it must be an absolute http or https URL");
        }

        return new McpSkill(skill.Name, stdio: null, endpoint, skill.Pick, skill.Omit, lazyInit: false, options, events);
    }

    /// <summary>Starts the server (once) and waits until it is connected and its tools are listed.</summary>
    /// <exception cref="PerstackException"><c>Skill &lt;name&gt; failed to start: &lt;reason&gt;</c>.</exception>
    /// <exception cref="ObjectDisposedException">The skill was disposed.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => GetConnectionAsync(cancellationToken);

    /// <inheritdoc />
    /// <exception cref="PerstackException">The server failed to start.</exception>
    public async Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default) =>
        (await GetConnectionAsync(cancellationToken).ConfigureAwait(false)).Tools;

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        Connection connection;
        try
        {
            connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PerstackException or ObjectDisposedException)
        {
            return McpResultConverter.Error(toolName, e is PerstackException ? e.Message : $"Skill {Name} was stopped");
        }

        if (!connection.Names.Contains(toolName))
        {
            return McpResultConverter.Error(toolName, $"Tool {toolName} not found");
        }

        if (IsDisconnected)
        {
            return McpResultConverter.Error(toolName, $"Skill {Name} is disconnected");
        }

        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        call.CancelAfter(_options.CallTimeout);
        try
        {
            var request = new CallToolRequestParams { Name = toolName, Arguments = ToArguments(arguments) };
            var result = await connection.Client.CallToolAsync(request, call.Token).ConfigureAwait(false);
            return McpResultConverter.ToParts(toolName, arguments, result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return McpResultConverter.Error(toolName, $"Skill {Name} was stopped");
        }
        catch (OperationCanceledException)
        {
            return McpResultConverter.Error(toolName, $"Request timed out after {Milliseconds(_options.CallTimeout)} ms");
        }
        catch (McpProtocolException e)
        {
            // The server answered with a JSON-RPC error (unknown tool, bad arguments, a failing handler…).
            return McpResultConverter.Error(toolName, e.Message);
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            return McpResultConverter.Error(toolName, $"Skill {Name} was stopped");
        }
        catch (Exception e)
        {
            // The transport failed: the server died or the connection dropped.
            var exit = connection.Process is { } process ? await process.DescribeExitAsync(ExitGrace).ConfigureAwait(false) : null;
            if (exit is not null || e is IOException or ObjectDisposedException || connection.Client.Completion.IsCompleted)
            {
                OnDisconnected();
            }

            return McpResultConverter.Error(toolName, exit ?? e.Message);
        }
    }

    private bool IsDisconnected
    {
        get
        {
            lock (_gate)
            {
                return _disconnected;
            }
        }
    }

    private static long Milliseconds(TimeSpan duration) => (long)duration.TotalMilliseconds;

    private static Dictionary<string, JsonElement> ToArguments(JsonElement arguments)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arguments.EnumerateObject())
            {
                result[property.Name] = property.Value.Clone();
            }
        }

        return result;
    }

    /// <summary>The reason of a failed start, on one line, without the SDK's generic wrappers.</summary>
    private static string Describe(Exception e)
    {
        while (e.InnerException is { } inner && (e is AggregateException || e.Message.StartsWith("Failed to connect transport", StringComparison.Ordinal)))
        {
            e = inner;
        }

        return McpResultConverter.OneLine(e.Message);
    }

    private sealed record Connection(McpClient Client, McpChildProcess? Process, IReadOnlyList<ToolDefinition> Tools, HashSet<string> Names);
}
