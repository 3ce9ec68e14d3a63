namespace Perstack.Core.Domain.Experts;

/// <summary>An expert definition as recorded in a run setting.</summary>
public sealed record Expert
{
    /// <summary>Expert key.</summary>
    public required string Key { get; init; }

    /// <summary>Expert name.</summary>
    public required string Name { get; init; }

    /// <summary>Version (semver).</summary>
    public required string Version { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Instruction (system prompt body).</summary>
    public required string Instruction { get; init; }

    /// <summary>Skills by name.</summary>
    public IReadOnlyDictionary<string, Skill> Skills { get; init; } = new Dictionary<string, Skill>();

    /// <summary>Delegate expert keys.</summary>
    public IReadOnlyList<string> Delegates { get; init; } = [];

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
