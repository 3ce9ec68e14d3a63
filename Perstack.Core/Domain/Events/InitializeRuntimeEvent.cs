namespace Perstack.Core.Domain.Events;

/// <summary>The runtime resolved its settings and is about to run.</summary>
public sealed record InitializeRuntimeEvent : RuntimeEvent
{
    /// <summary>Runtime version.</summary>
    public required string RuntimeVersion { get; init; }

    /// <summary>The expert asked.</summary>
    public required string ExpertName { get; init; }

    /// <summary>Known expert keys.</summary>
    public required IReadOnlyList<string> Experts { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Temperature.</summary>
    public required double Temperature { get; init; }

    /// <summary>Step limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Retries per generation.</summary>
    public required long MaxRetries { get; init; }

    /// <summary>Timeout per generation, ms.</summary>
    public required long Timeout { get; init; }

    /// <summary>The query.</summary>
    public string? Query { get; init; }

    /// <summary>The interactive answer given.</summary>
    public Runs.InteractiveToolCallResult? InteractiveToolCall { get; init; }
}
