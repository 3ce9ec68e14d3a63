using Perstack.Core.Domain;

namespace Perstack.Core.Search;

/// <summary>
/// One job that matched: its best line (clean text, see <see cref="SearchText"/>), where in it the match is, the
/// checkpoint that first holds that line, and the score it was ranked by.
/// </summary>
public sealed record SearchHit
{
    /// <summary>The job.</summary>
    public required JobId JobId { get; init; }

    /// <summary>Its coordinator expert.</summary>
    public required string ExpertKey { get; init; }

    /// <summary>Its title, if set.</summary>
    public string? Title { get; init; }

    /// <summary>Its last activity (ms since the Unix epoch).</summary>
    public required long LastActivityAt { get; init; }

    /// <summary>The checkpoint whose step first wrote the line.</summary>
    public required CheckpointId CheckpointId { get; init; }

    /// <summary>That checkpoint's step.</summary>
    public required long StepNumber { get; init; }

    /// <summary>The matching line.</summary>
    public required string Line { get; init; }

    /// <summary>Where the first match starts in <see cref="Line"/>.</summary>
    public required int MatchStart { get; init; }

    /// <summary>Its length.</summary>
    public required int MatchLength { get; init; }

    /// <summary>The rank (higher first): see <see cref="SearchScorer"/>.</summary>
    public required int Score { get; init; }
}
