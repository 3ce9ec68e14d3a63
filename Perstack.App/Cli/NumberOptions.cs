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
}
