using System.Text.Json;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills.Delegation;

/// <summary>
/// A delegate expert offered as a tool: named after the last <c>/</c> segment of its name, input <c>{query}</c>.
/// Calling it stops the parent; the runtime runs the delegate and returns its final answer as the tool result.
/// </summary>
public sealed class DelegateSkill : ISkillManager
{
    private static readonly JsonElement QuerySchema = JsonDocument.Parse(
        """{"type":"object","properties":{"query":{"type":"string","description":"The task for the expert, with everything it needs to know"}},"required":["query"],"additionalProperties":false}""").RootElement.Clone();

    private readonly Expert _expert;

    /// <summary>Creates the skill for <paramref name="expert"/>.</summary>
    public DelegateSkill(Expert expert) => _expert = expert ?? throw new ArgumentNullException(nameof(expert));

    /// <inheritdoc />
    public string Name => _expert.Name;

    /// <inheritdoc />
    public SkillKind Kind => SkillKind.Delegate;

    /// <summary>The tool name: the last segment of the expert's name (<c>@org/foo</c> → <c>foo</c>).</summary>
    public string ToolName => _expert.Name[(_expert.Name.LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ToolDefinition>>([new ToolDefinition(ToolName, _expert.Description ?? $"Delegate a task to {_expert.Name}", QuerySchema)]);

    /// <inheritdoc />
    public Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("Delegate tools are run by the runtime, not called.");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
