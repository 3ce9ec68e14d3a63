using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using Perstack.Core.Domain;

namespace Perstack.App.Cli;

/// <summary>
/// Options and arguments whose values are ids (<see cref="JobId"/>, <see cref="CheckpointId"/>, <see cref="RunId"/>),
/// parsed by System.CommandLine, so a bad id is refused before any action runs and nothing after the edge parses text.
/// </summary>
/// <remarks>
/// A symbol made with <c>bareError: true</c> reports a bad id as the one bare line <c>Invalid job id "…": …</c>
/// (no <c>Error:</c> prefix, no usage hint), as <c>run</c>, <c>start</c> and the jobs commands always have; the
/// others (<c>log</c>) report it as any usage error. That two forms exist is kept as it was, not decided here.
/// </remarks>
internal static class IdSymbols
{
    // The results whose error is a bad id to print bare (not the symbol: "Option '--from' is required" stays a usage error).
    private static readonly ConditionalWeakTable<SymbolResult, object> Bare = [];

    /// <summary>An optional <c>--name &lt;jobId&gt;</c>.</summary>
    public static Option<JobId?> JobIdOption(string name, string helpName, string description, bool bareError) =>
        Option(name, helpName, description, JobId.Parse, bareError);

    /// <summary>An optional <c>--name &lt;checkpointId&gt;</c>.</summary>
    public static Option<CheckpointId?> CheckpointIdOption(string name, string helpName, string description, bool bareError) =>
        Option(name, helpName, description, CheckpointId.Parse, bareError);

    /// <summary>An optional <c>--name &lt;runId&gt;</c>.</summary>
    public static Option<RunId?> RunIdOption(string name, string helpName, string description, bool bareError) =>
        Option(name, helpName, description, RunId.Parse, bareError);

    /// <summary>One job id argument.</summary>
    public static Argument<JobId> JobIdArgument(string name, string description, bool bareError) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                try
                {
                    return JobId.Parse(Single(result));
                }
                catch (InvalidIdException e)
                {
                    Refuse(result, e, bareError);
                    return default;
                }
            },
        };

    /// <summary>One or more job id arguments; the first bad one is the error (no id is used unless all are valid).</summary>
    public static Argument<JobId[]> JobIdsArgument(string name, string description, bool bareError) =>
        new(name)
        {
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                // System.CommandLine has no converter for a custom struct: every token is parsed here.
                var ids = new JobId[result.Tokens.Count];
                for (int i = 0; i < ids.Length; i++)
                {
                    try
                    {
                        ids[i] = JobId.Parse(result.Tokens[i].Value);
                    }
                    catch (InvalidIdException e)
                    {
                        Refuse(result, e, bareError);
                        return [];
                    }
                }

                return ids;
            },
        };

    /// <summary>Whether <paramref name="error"/> is a bad id of a symbol made with <c>bareError: true</c>.</summary>
    public static bool IsBare(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.SymbolResult is { } result && Bare.TryGetValue(result, out _);
    }

    private static Option<T?> Option<T>(string name, string helpName, string description, Func<string, T> parse, bool bareError)
        where T : struct => new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                try
                {
                    return parse(Single(result));
                }
                catch (InvalidIdException e)
                {
                    Refuse(result, e, bareError);
                    return null;
                }
            },
        };

    private static void Refuse(ArgumentResult result, InvalidIdException error, bool bareError)
    {
        result.AddError(error.Message);
        if (bareError)
        {
            // An option's argument may report its errors on the option's result: both are recorded.
            Bare.AddOrUpdate(result, error);
            if (result.Parent is OptionResult option)
            {
                Bare.AddOrUpdate(option, error);
            }
        }
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
}
