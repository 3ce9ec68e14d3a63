namespace Perstack.Core.Domain.Events;

/// <summary>A line a skill's server wrote to stderr.</summary>
public sealed record SkillStderrEvent : RuntimeEvent
{
    /// <summary>Skill.</summary>
    public required string SkillName { get; init; }

    /// <summary>The line.</summary>
    public required string Message { get; init; }
}
