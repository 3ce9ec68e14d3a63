namespace Perstack.Core.Domain;

/// <summary>The expert a checkpoint, delegation or event belongs to.</summary>
public sealed record ExpertRef
{
    /// <summary>The expert key (e.g. <c>my-expert</c> or <c>@org/x@1.2.3</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The expert name.</summary>
    public required string Name { get; init; }

    /// <summary>The expert version (semver).</summary>
    public required string Version { get; init; }
}
