namespace Perstack.Core.Domain.Events;

/// <summary>A skill's server is starting.</summary>
public sealed record SkillStartingEvent : RuntimeEvent
{
    /// <summary>Skill.</summary>
    public required string SkillName { get; init; }

    /// <summary>Command.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments.</summary>
    public required IReadOnlyList<string> Args { get; init; }
}
