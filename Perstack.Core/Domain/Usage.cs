namespace Perstack.Core.Domain;

/// <summary>Token counts. On checkpoints and jobs these are job-wide running totals, never per run.</summary>
public sealed record Usage
{
    /// <summary>All counts zero.</summary>
    public static Usage Empty { get; } = new();

    /// <summary>Input tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Reasoning tokens.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Total tokens.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Input tokens served from the provider's cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Field-by-field difference: what was spent since <paramref name="earlier"/> (a running total).</summary>
    public Usage Since(Usage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new Usage
        {
            InputTokens = InputTokens - earlier.InputTokens,
            OutputTokens = OutputTokens - earlier.OutputTokens,
            ReasoningTokens = ReasoningTokens - earlier.ReasoningTokens,
            TotalTokens = TotalTokens - earlier.TotalTokens,
            CachedInputTokens = CachedInputTokens - earlier.CachedInputTokens,
        };
    }

    /// <summary>Field-by-field sum, as the reference's <c>sumUsage</c>.</summary>
    public Usage Add(Usage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Usage
        {
            InputTokens = InputTokens + other.InputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
            ReasoningTokens = ReasoningTokens + other.ReasoningTokens,
            TotalTokens = TotalTokens + other.TotalTokens,
            CachedInputTokens = CachedInputTokens + other.CachedInputTokens,
        };
    }
}
