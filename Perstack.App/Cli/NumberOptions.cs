using System.CommandLine;
using System.Globalization;

namespace Perstack.App.Cli;

/// <summary>Numeric options that refuse bad values with a one-line message instead of dropping them.</summary>
internal static class NumberOptions
{
    /// <summary>An optional integer option that must be ≥ <paramref name="minimum"/>.</summary>
    public static Option<int?> Integer(string name, string description, string helpName, int minimum)
    {
        return new Option<int?>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
                {
                    return value;
                }

                result.AddError($"Invalid {name} \"{text}\": expected an integer ≥ {minimum}");
                return null;
            },
        };
    }

    /// <summary>An optional number option that must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<double?> Number(string name, string description, string helpName, double minimum, double maximum)
    {
        return new Option<double?>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
                {
                    return value;
                }

                result.AddError($"Invalid {name} \"{text}\": expected a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}");
                return null;
            },
        };
    }
}
