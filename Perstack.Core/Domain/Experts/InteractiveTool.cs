namespace Perstack.Core.Domain.Experts;

/// <summary>One interactive tool.</summary>
public sealed record InteractiveTool
{
    /// <summary>Tool name.</summary>
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>JSON Schema of the input, held in a string.</summary>
    public required string InputJsonSchema { get; init; }
}
