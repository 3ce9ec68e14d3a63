using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Skills.Base;
using Perstack.Core.Skills.Delegation;
using Perstack.Core.Skills.Interactive;

namespace Perstack.Core.Skills;

/// <summary>
/// Starts an expert's skills: the built-in base skill in process (for any <c>@perstack/base</c> declaration, so no
/// Node or npx is needed), interactive skills, and one delegate skill per delegate expert.
/// </summary>
public sealed class SkillSetFactory : ISkillSetFactory
{
    private const string BasePackage = "@perstack/base";
    private readonly BaseSkillOptions _baseOptions;

    /// <summary>Creates the factory; the base skill works in <paramref name="baseOptions"/>' workspace.</summary>
    public SkillSetFactory(BaseSkillOptions baseOptions) => _baseOptions = baseOptions ?? throw new ArgumentNullException(nameof(baseOptions));

    /// <inheritdoc />
    public Task<IReadOnlyList<ISkillManager>> StartAsync(Expert expert, IReadOnlyList<Expert> delegates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(delegates);
        var skills = new List<ISkillManager>();
        foreach (var skill in expert.Skills.Values)
        {
            skills.Add(skill switch
            {
                McpStdioSkill stdio when IsBaseSkill(stdio) => new BaseSkill(_baseOptions, stdio.Pick, stdio.Omit),
                InteractiveSkill interactive => new InteractiveSkillManager(interactive),
                _ => throw new PerstackException(
                    $"Skill \"{skill.Name}\" of expert \"{expert.Key}\": external MCP servers are not supported by this build yet; only the built-in {BasePackage} skill is"),
            });
        }

        skills.AddRange(delegates.Select(d => new DelegateSkill(d)));
        return Task.FromResult<IReadOnlyList<ISkillManager>>(skills);
    }

    /// <summary>Whether a stdio skill declares the base skill (by name, package or npx argument, unpinned).</summary>
    public static bool IsBaseSkill(McpStdioSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return skill.PackageName == BasePackage
            || skill.Args.Contains(BasePackage)
            || (skill.Name == BasePackage && skill.PackageName is null && skill.Args.Count == 0);
    }
}
