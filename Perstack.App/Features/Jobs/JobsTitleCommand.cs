using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs title &lt;jobId&gt; "&lt;text&gt;"</c>.</summary>
internal static class JobsTitleCommand
{
    /// <summary>Longest title accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="title"/> cannot be a job's title (also checked by <c>jobs import</c>), or null.</summary>
    public static string? Problem(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.Length > MaxLength || title.Any(char.IsControl) || Cli.Output.TerminalText.NeedsEscaping(title)
            ? $"it must be one line of at most {MaxLength} characters, without control characters"
            : null;
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var jobIdArgument = IdSymbols.JobIdArgument("jobId", "The job", bareError: true);
        var textArgument = new Argument<string>("text") { Description = "The title (\"\" removes it)" };
        var command = new Command("title", "Give a job a title, shown by jobs list and jobs show") { jobIdArgument, textArgument };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobId = parse.GetValue(jobIdArgument);
            var text = (parse.GetValue(textArgument) ?? "").Trim();
            if (Problem(text) is { } problem)
            {
                throw new PerstackException($"Error: Invalid title: {problem}");
            }

            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobsTitleHandler>(handler => handler.RunAsync(jobId, text, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
