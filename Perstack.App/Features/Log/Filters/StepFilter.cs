using System.Globalization;

namespace Perstack.App.Features.Log.Filters;

/// <summary>
/// <c>--step</c>: an inclusive step range parsed from <c>5</c>, <c>&gt;5</c>, <c>&gt;=5</c>, <c>&lt;5</c>,
/// <c>&lt;=5</c> or <c>1-10</c>.
/// </summary>
/// <param name="Min">Lowest step that matches.</param>
/// <param name="Max">Highest step that matches.</param>
internal sealed record StepFilter(long Min, long Max)
{
    /// <summary>Whether <paramref name="stepNumber"/> lies in the range.</summary>
    public bool Matches(long stepNumber) => stepNumber >= Min && stepNumber <= Max;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is the one-line message.</summary>
    public static bool TryParse(string text, out StepFilter filter, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        filter = new StepFilter(long.MinValue, long.MaxValue);
        error = $"Invalid step filter: {text}";
        var trimmed = text.Trim();
        var (prefix, rest) = trimmed switch
        {
            _ when trimmed.StartsWith(">=", StringComparison.Ordinal) => (">=", trimmed[2..]),
            _ when trimmed.StartsWith("<=", StringComparison.Ordinal) => ("<=", trimmed[2..]),
            _ when trimmed.StartsWith('>') => (">", trimmed[1..]),
            _ when trimmed.StartsWith('<') => ("<", trimmed[1..]),
            _ => ("", trimmed),
        };

        int dash = prefix.Length == 0 ? rest.IndexOf('-', StringComparison.Ordinal) : -1;
        if (dash > 0)
        {
            if (!Number(rest[..dash], out var min) || !Number(rest[(dash + 1)..], out var max))
            {
                return false;
            }

            if (min > max)
            {
                error = $"Invalid step filter: {text} (the range starts after it ends)";
                return false;
            }

            filter = new StepFilter(min, max);
            return true;
        }

        if (!Number(rest, out var value) || (prefix == ">" && value == long.MaxValue))
        {
            return false;
        }

        filter = prefix switch
        {
            ">=" => new StepFilter(value, long.MaxValue),
            "<=" => new StepFilter(long.MinValue, value),
            ">" => new StepFilter(value + 1, long.MaxValue),
            "<" => new StepFilter(long.MinValue, value - 1),
            _ => new StepFilter(value, value),
        };
        return true;
    }

    // Digits only: no sign, no spaces inside, no exponent.
    private static bool Number(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
