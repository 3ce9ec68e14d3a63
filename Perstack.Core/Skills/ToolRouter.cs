using Microsoft.Extensions.AI;

namespace Perstack.Core.Skills;

/// <summary>One flat tool namespace over an expert's skills: which skill owns each tool name.</summary>
internal sealed class ToolRouter
{
    private readonly Dictionary<string, (ISkillManager Skill, ToolDefinition Tool)> _tools = new(StringComparer.Ordinal);

    private ToolRouter()
    {
    }

    /// <summary>The declarations offered to the model.</summary>
    public IReadOnlyList<AITool> Declarations { get; private set; } = [];

    /// <summary>Lists every skill's tools. A name offered by two skills is a configuration error naming both.</summary>
    public static async Task<ToolRouter> CreateAsync(IReadOnlyList<ISkillManager> skills, CancellationToken cancellationToken)
    {
        var router = new ToolRouter();
        var lists = await Task.WhenAll(skills.Select(s => s.ListToolsAsync(cancellationToken))).ConfigureAwait(false);
        for (int i = 0; i < skills.Count; i++)
        {
            foreach (var tool in lists[i])
            {
                if (router._tools.TryGetValue(tool.Name, out var owner))
                {
                    throw new Domain.PerstackException(
                        $"Tool \"{tool.Name}\" is offered by both skill \"{owner.Skill.Name}\" and skill \"{skills[i].Name}\"; use pick or omit to keep one");
                }

                router._tools[tool.Name] = (skills[i], tool);
            }
        }

        router.Declarations = router._tools.Values.Select(t => (AITool)new ToolDeclaration(t.Tool)).ToList();
        return router;
    }

    /// <summary>The skill owning <paramref name="toolName"/>, if any.</summary>
    public ISkillManager? Find(string toolName) => _tools.TryGetValue(toolName, out var entry) ? entry.Skill : null;
}
