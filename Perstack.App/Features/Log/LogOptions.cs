using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Perstack.App.Cli;
using Perstack.App.Features.Log.Filters;
using Perstack.Core.Domain;

namespace Perstack.App.Features.Log;

/// <summary>
/// The options of <c>perstack log</c>. Every value is checked while parsing, so a bad one is a one-line
/// <c>Error: Invalid …: …</c> and exit 1 before any file is read.
/// </summary>
internal sealed class LogOptions
{
    /// <summary>Events shown when <c>--take</c> is not given.</summary>
    public const int DefaultTake = 100;

    public Option<JobId?> Job { get; } = IdSymbols.JobIdOption("--job", "jobId", "The job to show (default: the latest job)", bareError: false);

    public Option<RunId?> Run { get; } = IdSymbols.RunIdOption("--run", "runId", "Only this run's events", bareError: false);

    public Option<CheckpointId?> Checkpoint { get; } = IdSymbols.CheckpointIdOption("--checkpoint", "checkpointId", "Show this checkpoint and its run's events", bareError: false);

    public Option<StepFilter?> Step { get; } = new("--step")
    {
        Description = "Only events of these steps: 5, >5, >=5, <5, <=5 or 1-10",
        HelpName = "range",
        CustomParser = result =>
        {
            var text = Single(result);
            if (StepFilter.TryParse(text, out var filter, out var error))
            {
                return filter;
            }

            result.AddError(error);
            return null;
        },
    };

    public Option<string[]> Type { get; } = new("--type")
    {
        Description = "Only events of this type; repeatable (with the presets: events of any of them)",
        HelpName = "type",
        CustomParser = result =>
        {
            var values = result.Tokens.Select(t => t.Value).ToArray();
            foreach (var value in values.Where(v => !EventTypes.Known.Contains(v, StringComparer.Ordinal)))
            {
                result.AddError($"Invalid value for --type: \"{value}\" is not an event type (expected one of {string.Join(", ", EventTypes.Known)})");
            }

            return values;
        },
    };

    public Option<bool> Errors { get; } = new("--errors") { Description = "Only errors: stopRunByError and retry" };

    public Option<bool> Tools { get; } = new("--tools") { Description = "Only tool events: callTools, resolveToolResults, callInteractiveTool" };

    public Option<bool> Delegations { get; } = new("--delegations") { Description = "Only delegations: callDelegate and stopRunByDelegate" };

    public Option<FilterExpression?> Filter { get; } = new("--filter")
    {
        Description = "Only events whose JSON matches '.field op value' (op: == != > >= < <=; name[] goes over an array)",
        HelpName = "expression",
        CustomParser = result =>
        {
            if (FilterExpression.TryParse(Single(result), out var expression, out var error))
            {
                return expression;
            }

            result.AddError(error);
            return null;
        },
    };

    public Option<int?> Take { get; } = NonNegative("--take", $"Matched events to show (default: {DefaultTake}; 0: all)");

    public Option<int?> Offset { get; } = NonNegative("--offset", "Matched events to skip first (default: 0)");

    public Option<int?> Context { get; } = NonNegative("--context", "Also show N events before and after each shown match");

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document {job, events, summary, …} for scripts" };

    public Option<bool> Pretty { get; } = new("--pretty") { Description = "Indent the --json output" };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show each tool call's skill and arguments" };

    public Option<bool> Messages { get; } = new("--messages") { Description = "List the messages of the --checkpoint" };

    public Option<bool> Summary { get; } = new("--summary") { Description = "Add totals over the matched events (errors, tool calls, delegations, steps)" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] all = [Job, Run, Checkpoint, Step, Type, Errors, Tools, Delegations, Filter, Take, Offset, Context, Json, Pretty, Verbose, Messages, Summary];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The event filter the options describe.</summary>
    public EventFilter ToFilter(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var types = new HashSet<string>(parse.GetValue(Type) ?? [], StringComparer.Ordinal);
        if (parse.GetValue(Errors))
        {
            types.UnionWith(EventTypes.Errors);
        }

        if (parse.GetValue(Tools))
        {
            types.UnionWith(EventTypes.Tools);
        }

        if (parse.GetValue(Delegations))
        {
            types.UnionWith(EventTypes.Delegations);
        }

        return new EventFilter(parse.GetValue(Step), types.Count == 0 ? null : types, parse.GetValue(Filter));
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "";

    private static Option<int?> NonNegative(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "n",
        CustomParser = result =>
        {
            var text = Single(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"Invalid value for {name}: \"{text}\" is not a valid number");
                return null;
            }

            if (value < 0)
            {
                result.AddError($"Invalid value for {name}: \"{text}\" must be non-negative");
                return null;
            }

            return value;
        },
    };
}
