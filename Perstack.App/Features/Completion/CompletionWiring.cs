using System.CommandLine;
using System.CommandLine.Completions;

namespace Perstack.App.Features.Completion;

/// <summary>
/// Attaches history and config completions to the command tree by the names of its arguments and options, so a
/// command gets them by naming its symbols the way every other command does (<c>jobId</c>, <c>--continue-job</c>…).
/// </summary>
internal static class CompletionWiring
{
    /// <summary>Arguments and options whose value is a job id.</summary>
    private static readonly HashSet<string> JobIdSymbols = ["jobId", "--continue-job", "--job"];

    /// <summary>Options whose value is a checkpoint id, with the symbol of the same command naming its job.</summary>
    private static readonly Dictionary<string, string> CheckpointIdSymbols = new()
    {
        ["--resume-from"] = "--continue-job",
        ["--from"] = "jobId",
        ["--checkpoint"] = "--job",
    };

    /// <summary>Walks <paramref name="command"/> and its subcommands and adds the completion sources.</summary>
    public static void Attach(Command command, HistoryCompletions completions)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var argument in command.Arguments)
        {
            if (JobIdSymbols.Contains(argument.Name))
            {
                argument.CompletionSources.Add(completions.JobIds);
            }
            else if (argument.Name == "expertKey")
            {
                var config = Find(command, "--config");
                argument.CompletionSources.Add(context => HistoryCompletions.ExpertKeys(context, ValueOf(context, config)));
            }
            else
            {
                continue;
            }

            // Without a help name, --help lists an argument's completions in place of its name (reading the store
            // or perstack.toml to do it): keep "<jobId>", "<expertKey>".
            argument.HelpName ??= argument.Name;
        }

        foreach (var option in command.Options)
        {
            if (JobIdSymbols.Contains(option.Name))
            {
                option.CompletionSources.Add(completions.JobIds);
            }
            else if (CheckpointIdSymbols.TryGetValue(option.Name, out var jobSymbolName))
            {
                var jobSymbol = Find(command, jobSymbolName);
                option.CompletionSources.Add(context => completions.CheckpointIds(context, ValueOf(context, jobSymbol)));
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            Attach(subcommand, completions);
        }
    }

    private static Symbol? Find(Command command, string name) =>
        command.Options.FirstOrDefault(option => option.Name == name) as Symbol
        ?? command.Arguments.FirstOrDefault(argument => argument.Name == name);

    /// <summary>The first token given so far for <paramref name="symbol"/>, whatever its type.</summary>
    private static string? ValueOf(CompletionContext context, Symbol? symbol)
    {
        var tokens = symbol is null ? null : context.ParseResult.GetResult(symbol)?.Tokens;
        return tokens is { Count: > 0 } ? tokens[0].Value : null;
    }
}
