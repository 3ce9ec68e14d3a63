namespace Perstack.Core.Domain.Runs;

/// <summary>What a run was asked: a query, or the answer to a pending interactive tool call.</summary>
public sealed record RunInput
{
    /// <summary>The query text.</summary>
    public string? Text { get; init; }

    /// <summary>The answer to a pending interactive tool call.</summary>
    public InteractiveToolCallResult? InteractiveToolCallResult { get; init; }
}
