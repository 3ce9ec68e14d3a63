using System.Text.Json;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;

namespace Perstack.Skills.Base;

/// <summary>
/// The built-in <c>@perstack/base</c> skill, in process: file, directory, exec, todo, think, completion and health tools
/// confined to one workspace (<see cref="WorkspaceGuard"/>). Every call returns result parts and never throws (except
/// <see cref="OperationCanceledException"/> when the caller cancels): success is one text part holding the JSON result
/// object; failure is one text part <c>{"error":"&lt;name&gt;","message":"&lt;message&gt;"}</c> (<c>exec</c> keeps the
/// reference's <c>{"error":"&lt;message&gt;","stdout"?,"stderr"?}</c>). <c>readImageFile</c> and <c>readPdfFile</c> add the
/// file itself as an <see cref="ImageInlinePart"/> / <see cref="FileInlinePart"/> after their JSON text part.
/// The todo list and thought history live in the instance.
/// </summary>
public sealed class BaseSkill : ISkillManager
{
    /// <summary>The skill's name.</summary>
    public const string SkillName = "@perstack/base";

    /// <summary>Every tool name, in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> AllToolNames =
    [
        "attemptCompletion", "think", "todo", "clearTodo", "exec", "getFileInfo", "healthCheck", "readTextFile", "readImageFile",
        "readPdfFile", "writeTextFile", "appendTextFile", "editTextFile", "moveFile", "deleteFile", "listDirectory",
        "createDirectory", "deleteDirectory",
    ];

    /// <summary>How long past its own timeout an <c>exec</c> call may take to stop its processes and report.</summary>
    public static readonly TimeSpan ExecOverrun = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, BaseTool> _tools;
    private readonly TimeSpan _execDefaultTimeout;
    private readonly IReadOnlyList<ToolDefinition> _definitions;

    /// <summary>Creates the skill.</summary>
    /// <param name="options">Workspace and limits.</param>
    /// <param name="pick">When non-empty, only these tools are offered (applied after <paramref name="omit"/>).</param>
    /// <param name="omit">Tools not offered.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="Domain.PerstackException">The workspace does not exist or is not a folder.</exception>
    public BaseSkill(BaseSkillOptions options, IEnumerable<string>? pick = null, IEnumerable<string>? omit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = new BaseSkillContext(options, new WorkspaceGuard(options.Workspace, options.HomeDirectory, options.HiddenDirectories, options.AllowEnvFiles ? null : options.EnvFiles));
        Guard = context.Guard;
        _execDefaultTimeout = options.ExecDefaultTimeout;
        BaseTool[] all =
        [
            new CompletionTool(context), new ThinkTool(context), new TodoTool(context), new ClearTodoTool(context), new ExecTool(context),
            new GetFileInfoTool(context), new HealthCheckTool(context), new ReadTextFileTool(context), new ReadImageFileTool(context),
            new ReadPdfFileTool(context), new WriteTextFileTool(context), new AppendTextFileTool(context), new EditTextFileTool(context),
            new MoveFileTool(context), new DeleteFileTool(context), new ListDirectoryTool(context), new CreateDirectoryTool(context),
            new DeleteDirectoryTool(context),
        ];
        var offered = Filter(all, pick?.ToHashSet(StringComparer.Ordinal) ?? [], omit?.ToHashSet(StringComparer.Ordinal) ?? []);
        _tools = offered.ToDictionary(tool => tool.Name, StringComparer.Ordinal);
        _definitions = [.. offered.Select(tool => tool.Definition)];
    }

    /// <inheritdoc />
    public string Name => SkillName;

    /// <inheritdoc />
    public SkillKind Kind => SkillKind.Mcp;

    /// <summary>The workspace guard (its <see cref="WorkspaceGuard.Workspace"/> is the workspace's real path).</summary>
    public WorkspaceGuard Guard { get; }

    /// <summary>The tools offered, after pick/omit, without waiting.</summary>
    public IReadOnlyList<ToolDefinition> Tools => _definitions;

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_definitions);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        if (toolName is null || !_tools.TryGetValue(toolName, out var tool))
        {
            return ToolParts.Error(ToolException.DefaultName, $"Tool {toolName} not found");
        }

        try
        {
            return await tool.ExecuteAsync(ToolArguments.From(tool.Name, arguments), cancellationToken).ConfigureAwait(false);
        }
        catch (ToolException e)
        {
            return ToolParts.Error(e.ErrorName, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // File-system and other runtime failures are reported to the model, never thrown.
            return ToolParts.Error(e.GetType().Name, e.Message);
        }
    }

    /// <summary>
    /// An <c>exec</c> call is bounded by its own <c>timeout</c> (default <see cref="BaseSkillOptions.ExecDefaultTimeout"/>),
    /// which it enforces by killing its process tree, plus <see cref="ExecOverrun"/> to do so and report; other tools
    /// take the run's tool timeout.
    /// </summary>
    public TimeSpan? CallTimeout(string toolName, JsonElement arguments)
    {
        if (toolName != "exec" || !_tools.TryGetValue(toolName, out var exec))
        {
            return null;
        }

        long ms;
        try
        {
            ms = ToolArguments.From(exec.Name, arguments).OptionalInteger("timeout") ?? (long)_execDefaultTimeout.TotalMilliseconds;
        }
        catch (ToolException)
        {
            return null; // the call fails at once on its arguments
        }

        return ms <= 0 ? null : TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue)) + ExecOverrun;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Drop names in <paramref name="omit"/>, then keep only names in <paramref name="pick"/> when it is non-empty.</summary>
    private static List<BaseTool> Filter(IEnumerable<BaseTool> tools, HashSet<string> pick, HashSet<string> omit) =>
        [.. tools.Where(tool => !omit.Contains(tool.Name) && (pick.Count == 0 || pick.Contains(tool.Name)))];
}
