using System.Text.Json;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills;

/// <summary>
/// One skill of the running expert: the built-in base skill, an MCP server, an interactive skill or a delegate.
/// </summary>
public interface ISkillManager : IAsyncDisposable
{
    /// <summary>Skill name (for a delegate: the delegate expert's name).</summary>
    string Name { get; }

    /// <summary>How its calls are handled.</summary>
    SkillKind Kind { get; }

    /// <summary>The tools it offers, after pick/omit; connects first if needed.</summary>
    Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Executes a tool (only <see cref="SkillKind.Mcp"/> skills). Failures of the tool itself come back as
    /// result parts the model sees (e.g. <c>{"error":…,"message":…}</c> text), never as exceptions.
    /// </summary>
    Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default);

    /// <summary>
    /// How long this call may take when it sets its own bound (an <c>exec</c> with a longer <c>timeout</c>), or null
    /// for the run's tool timeout (<c>toolTimeout</c>).
    /// </summary>
    TimeSpan? CallTimeout(string toolName, JsonElement arguments) => null;
}
