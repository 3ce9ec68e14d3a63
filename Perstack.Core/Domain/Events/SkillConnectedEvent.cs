namespace Perstack.Core.Domain.Events;

/// <summary>A skill's server is connected.</summary>
public sealed record SkillConnectedEvent : RuntimeEvent
{
    /// <summary>Skill.</summary>
    public required string SkillName { get; init; }

    /// <summary>What the server reported.</summary>
    public ServerInfo? ServerInfo { get; init; }

    /// <summary>Time to connect, ms.</summary>
    public long? ConnectDurationMs { get; init; }

    /// <summary>Time from start, ms.</summary>
    public long? TotalDurationMs { get; init; }
}
