using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>The job selection options shared by <c>jobs list</c> and <c>jobs prune</c>, with one-line errors for bad values.</summary>
internal static partial class JobFilterOptions
{
    /// <summary>The statuses <c>--status</c> accepts: the shown statuses (<c>interrupted</c> = running but nobody runs it).</summary>
    public static IReadOnlyList<string> StatusNames { get; } =
        ["completed", "stoppedByMaxSteps", "stoppedByInteractiveTool", "stoppedByError", "running", "interrupted", "forked"];

    /// <summary><c>--status &lt;status&gt;</c>, repeatable.</summary>
    public static Option<string[]> Status(string description) => new("--status")
    {
        Description = $"{description} ({string.Join(", ", StatusNames)}); repeatable",
        HelpName = "status",
        CustomParser = result =>
        {
            var values = result.Tokens.Select(t => t.Value).ToArray();
            foreach (var value in values)
            {
                if (!StatusNames.Contains(value, StringComparer.Ordinal))
                {
                    result.AddError($"Invalid --status \"{value}\": expected one of {string.Join(", ", StatusNames)}");
                }
            }

            return values;
        },
    };

    /// <summary>
    /// A point in time given as a duration back from now (<c>30s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>) or an
    /// ISO date (<c>2026-01-31</c>, <c>2026-01-31T08:00</c>, local time unless it carries an offset).
    /// </summary>
    public static Option<DateTimeOffset?> Time(string name, string description, bool datesAllowed, TimeProvider time) => new(name)
    {
        Description = description,
        HelpName = datesAllowed ? "duration|date" : "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParseTime(text, time.GetUtcNow(), datesAllowed, out var instant, out var reason))
            {
                return instant;
            }

            result.AddError($"Invalid {name} \"{text}\": {reason}");
            return null;
        },
    };

    /// <summary>Parses a duration back from <paramref name="now"/> or (when allowed) an ISO date.</summary>
    public static bool TryParseTime(string text, DateTimeOffset now, bool datesAllowed, out DateTimeOffset instant, out string reason)
    {
        instant = default;
        var expected = datesAllowed
            ? "expected a duration such as 7d, 12h or 30m, or an ISO date such as 2026-01-31"
            : "expected a duration such as 7d, 12h or 30m";
        var duration = DurationPattern().Match(text);
        if (duration.Success)
        {
            var amount = long.Parse(duration.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            double minutes = duration.Groups[2].Value switch
            {
                "s" => amount / 60.0,
                "m" => amount,
                "h" => amount * 60.0,
                "d" => amount * 1440.0,
                _ => amount * 10080.0,
            };
            if (minutes > TimeSpan.FromDays(100 * 365).TotalMinutes)
            {
                reason = "the duration is too long (at most 100 years)";
                return false;
            }

            instant = now - TimeSpan.FromMinutes(minutes);
            reason = "";
            return true;
        }

        if (datesAllowed && IsoDatePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out instant))
        {
            reason = "";
            return true;
        }

        reason = expected;
        return false;
    }

    /// <summary>Whether the job's shown status is one of <paramref name="statuses"/> (all match when empty).</summary>
    public static bool HasStatus(Job job, IReadOnlyCollection<string>? statuses, IJobLocks locks)
    {
        if (statuses is not { Count: > 0 })
        {
            return true;
        }

        var shown = JobStatusText.Of(job, locks);
        return statuses.Contains(shown == JobStatusText.Forked ? "forked" : shown, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^([0-9]{1,9})([smhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePattern();
}
