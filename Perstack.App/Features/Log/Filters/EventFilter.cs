using System.Text.Json;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Filters;

/// <summary>
/// Which events <c>perstack log</c> matches: all of <c>--step</c>, the event types (<c>--type</c> values and the
/// presets together: an event of any of them) and <c>--filter</c>. Step and type come from the file name, so only
/// <c>--filter</c> needs the file opened.
/// </summary>
/// <param name="Step">The step range, or null for every step.</param>
/// <param name="Types">The accepted types, or null for every type.</param>
/// <param name="Expression">The field condition, or null.</param>
internal sealed record EventFilter(StepFilter? Step, IReadOnlySet<string>? Types, FilterExpression? Expression)
{
    /// <summary>Matches every event.</summary>
    public static EventFilter All { get; } = new(null, null, null);

    /// <summary>Whether the file's content must be read to decide.</summary>
    public bool NeedsContent => Expression is not null;

    /// <summary>Whether the event passes the step and type filters.</summary>
    public bool MatchesName(EventSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return (Step is null || Step.Matches(summary.StepNumber)) && (Types is null || Types.Contains(summary.Type));
    }

    /// <summary>Whether the event's JSON passes <c>--filter</c> (always, without one).</summary>
    public bool MatchesContent(JsonElement runEvent) => Expression is null || Expression.Matches(runEvent);
}
