using System.Text.Json;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Skills;

namespace Perstack.Skills.Base;

/// <summary>One tool of the base skill: its name, LLM-facing description, input schema and behaviour.</summary>
internal abstract class BaseTool
{
    protected BaseTool(BaseSkillContext context, string name, string description, string inputSchema)
    {
        Context = context;
        Definition = new ToolDefinition(name, description, JsonDocument.Parse(inputSchema).RootElement.Clone());
    }

    public ToolDefinition Definition { get; }

    public string Name => Definition.Name;

    protected BaseSkillContext Context { get; }

    protected WorkspaceGuard Guard => Context.Guard;

    /// <summary>Runs the tool. Failures the model should see are thrown as <see cref="ToolException"/>.</summary>
    public abstract Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken);
}

/// <summary>What every tool of one base skill instance shares.</summary>
internal sealed class BaseSkillContext(BaseSkillOptions options, WorkspaceGuard guard)
{
    public BaseSkillOptions Options { get; } = options;

    public WorkspaceGuard Guard { get; } = guard;

    public BaseSkillState State { get; } = new();

    public long StartTimestamp { get; } = options.TimeProvider.GetTimestamp();
}
