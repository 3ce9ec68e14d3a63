namespace Perstack.Core.Domain.Events;

/// <summary>A skill's server disconnected.</summary>
public sealed record SkillDisconnectedEvent : RuntimeEvent
{
    /// <summary>Skill.</summary>
    public required string SkillName { get; init; }
}
