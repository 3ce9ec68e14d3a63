using Perstack.Core.Domain.Experts;
using Perstack.Core.Skills;
using Perstack.Core.Skills.Delegation;
using Perstack.Core.Skills.Interactive;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;

namespace Perstack.Skills;

/// <summary>
/// Starts an expert's skills: the built-in base skill in process (for an unpinned <c>@perstack/base</c> declaration,
/// so no Node or npx is needed), external MCP servers (<see cref="McpSkill"/>: stdio children and HTTP endpoints),
/// interactive skills, and one delegate skill per delegate expert.
/// <para>
/// Order of a start: every skill is built first without starting anything (so a missing <c>requiredEnv</c> variable
/// fails before any process exists), then the non-lazy MCP servers are started concurrently. The first failure stops
/// everything already started and is thrown (<c>Skill &lt;name&gt; failed to start: &lt;reason&gt;</c>); so is a
/// cancellation. Lazy servers start on first use (see <see cref="McpSkill"/>).
/// </para>
/// <para>
/// The base skill runs as an external process instead when <see cref="McpSkillOptions.BaseSkillCommand"/>
/// (<c>perstackBaseSkillCommand</c>) is set, or when the declaration pins a version (<c>@perstack/base@1.2.3</c>,
/// which <see cref="IsBaseSkill"/> does not match and so runs through npx like any package).
/// </para>
/// </summary>
public sealed class SkillSetFactory : ISkillSetFactory
{
    private const string BasePackage = "@perstack/base";
    private readonly BaseSkillOptions _baseOptions;
    private readonly McpSkillOptions _mcpOptions;

    /// <summary>Creates the factory.</summary>
    /// <param name="baseOptions">The base skill's settings; its workspace is also the working directory of stdio servers.</param>
    /// <param name="mcpOptions">External MCP server settings (environment, timeouts, base skill command); null: defaults.</param>
    public SkillSetFactory(BaseSkillOptions baseOptions, McpSkillOptions? mcpOptions = null)
    {
        _baseOptions = baseOptions ?? throw new ArgumentNullException(nameof(baseOptions));
        var mcp = mcpOptions ?? new McpSkillOptions();
        _mcpOptions = mcp.WorkingDirectory is null ? mcp with { WorkingDirectory = baseOptions.Workspace } : mcp;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ISkillManager>> StartAsync(
        Expert expert, IReadOnlyList<Expert> delegates, SkillEventTarget? events = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(delegates);
        var skills = new List<ISkillManager>();
        try
        {
            foreach (var skill in expert.Skills.Values)
            {
                skills.Add(Create(skill, events));
            }

            skills.AddRange(delegates.Select(d => new DelegateSkill(d)));
            await ConnectAllAsync([.. skills.OfType<McpSkill>().Where(s => !s.LazyInit)], cancellationToken).ConfigureAwait(false);
            return skills;
        }
        catch (Exception)
        {
            foreach (var skill in skills)
            {
                await skill.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Whether a stdio skill declares the base skill (by name, package or npx argument, unpinned).</summary>
    public static bool IsBaseSkill(McpStdioSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return skill.PackageName == BasePackage
            || skill.Args.Contains(BasePackage)
            || (skill.Name == BasePackage && skill.PackageName is null && skill.Args.Count == 0);
    }

    private ISkillManager Create(Skill skill, SkillEventTarget? events) => skill switch
    {
        McpStdioSkill stdio when IsBaseSkill(stdio) && _mcpOptions.BaseSkillCommand is { Count: > 0 } commandLine =>
            McpSkill.Stdio(stdio with { LazyInit = false }, _mcpOptions, events, commandLine),
        McpStdioSkill stdio when IsBaseSkill(stdio) => new BaseSkill(_baseOptions, stdio.Pick, stdio.Omit),
        McpStdioSkill stdio => McpSkill.Stdio(stdio, _mcpOptions, events),
        McpSseSkill sse => McpSkill.Http(sse, _mcpOptions, events),
        InteractiveSkill interactive => new InteractiveSkillManager(interactive),
        _ => throw new ArgumentException($"Unknown skill type {skill.GetType().Name}", nameof(skill)),
    };

    /// <summary>Connects every server concurrently; returns at the first failure (the caller stops the rest).</summary>
    private static async Task ConnectAllAsync(IReadOnlyList<McpSkill> skills, CancellationToken cancellationToken)
    {
        var pending = skills.Select(s => s.ConnectAsync(cancellationToken)).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            await done.ConfigureAwait(false);
        }
    }
}
