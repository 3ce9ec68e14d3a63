using System.CommandLine;
using System.CommandLine.Parsing;

namespace Perstack.App.Cli;

/// <summary>
/// The lines printed for a command line that does not parse: one per problem (usually one), an unknown word with the
/// nearest command or option it may be a typo of, then where the usage is.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Whether the only problem is a command group run without its subcommand (<c>perstack</c>, <c>perstack jobs</c>): its help is shown.</summary>
    public static bool IsMissingSubcommand(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.UnmatchedTokens.Count == 0 && parse.CommandResult.Command.Action is null && parse.CommandResult.Command.Subcommands.Count > 0;
    }

    /// <summary>The error lines, then the usage hint; a bad id of a symbol made with <c>bareError</c> alone, as is.</summary>
    public static IReadOnlyList<string> Lines(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.FirstOrDefault(IdSymbols.IsBare) is { } bare)
        {
            return [bare.Message]; // a bad id of run, start or jobs: the one bare line those commands print
        }

        return [.. Problems(parse), $"Run '{CommandPath(parse)} --help' for usage."];
    }

    private static IEnumerable<string> Problems(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        bool unknownReported = false;
        foreach (var error in parse.Errors)
        {
            // An unknown word already says what is wrong; "Required command was not provided" adds nothing.
            if (unmatched.Count > 0 && error.SymbolResult is CommandResult && command.Action is null && !unmatched.Any(error.Message.Contains))
            {
                continue;
            }

            var token = unmatched.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            if (token is not null && unknownReported)
            {
                continue; // the words after an unknown one are only its consequences
            }

            unknownReported |= token is not null;
            var suggestion = token is null ? null : Nearest(token, token.StartsWith('-') ? command.Options.SelectMany(Names) : command.Subcommands.Where(c => !c.Hidden).SelectMany(Names));
            yield return suggestion is null ? $"Error: {error.Message}" : $"Error: {error.Message} Did you mean '{suggestion}'?";
        }
    }

    private static IEnumerable<string> Names(Symbol symbol) => symbol switch
    {
        Option option => [option.Name, .. option.Aliases],
        Command command => [command.Name, .. command.Aliases],
        _ => [symbol.Name],
    };

    /// <summary>The closest name within a typo's reach (an edit or two, by length), or null.</summary>
    private static string? Nearest(string word, IEnumerable<string> names)
    {
        int reach = word.TrimStart('-').Length <= 4 ? 1 : 2;
        return names.Select(name => (Name: name, Distance: Distance(word, name)))
            .Where(n => n.Distance <= reach)
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours (lsit → list) cost 1.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "perstack" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
