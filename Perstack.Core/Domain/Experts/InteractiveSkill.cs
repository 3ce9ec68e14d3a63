namespace Perstack.Core.Domain.Experts;

/// <summary>Tools answered by a human.</summary>
public sealed record InteractiveSkill : Skill
{
    /// <summary>Tools by name.</summary>
    public IReadOnlyDictionary<string, InteractiveTool> Tools { get; init; } = new Dictionary<string, InteractiveTool>();
}
