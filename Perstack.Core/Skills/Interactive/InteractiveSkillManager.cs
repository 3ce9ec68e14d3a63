using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Skills.Interactive;

/// <summary>Tools answered by a human: offered to the model; calling one stops the run until the answer is given.</summary>
public sealed class InteractiveSkillManager : ISkillManager
{
    private readonly IReadOnlyList<ToolDefinition> _tools;

    /// <summary>Creates the manager, parsing each tool's JSON schema.</summary>
    /// <exception cref="PerstackException">A tool's <c>inputJsonSchema</c> is not a JSON object.</exception>
    public InteractiveSkillManager(InteractiveSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        Name = skill.Name;
        _tools = skill.Tools.Values.Select(tool =>
        {
            JsonElement schema;
            try
            {
                schema = JsonDocument.Parse(tool.InputJsonSchema).RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new PerstackException($"Skill \"{skill.Name}\": tool \"{tool.Name}\" has an invalid inputJsonSchema: {e.Message}");
            }

            return schema.ValueKind == JsonValueKind.Object
                ? new ToolDefinition(tool.Name, tool.Description ?? "", schema)
                : throw new PerstackException($"Skill \"{skill.Name}\": tool \"{tool.Name}\" has an invalid inputJsonSchema: not a JSON object");
        }).ToList();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SkillKind Kind => SkillKind.Interactive;

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_tools);

    /// <inheritdoc />
    public Task<IReadOnlyList<MessagePart>> CallToolAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("Interactive tools are answered by a person, not called.");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
