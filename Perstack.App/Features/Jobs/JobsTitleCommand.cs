using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

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
            var store = context.Get<IJobStore>();
            if (!context.Get<IJobFiles>().Exists(jobId))
            {
                throw new PerstackException($"Job {jobId} not found");
            }

            // Its files are another Perstack's (today's TypeScript writes no job.json): only a run continuing it writes one.
            if (await store.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { IsDerived: true })
            {
                throw new PerstackException($"Job {jobId} has no job.json (it is derived from its checkpoints); continue it with perstack run --continue-job {jobId} first");
            }

            // A running job rewrites job.json after every step and would drop the title: refuse, as a second run would be.
            using (context.Get<IJobLocks>().Acquire(jobId))
            {
                var job = await store.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
                    ?? throw new PerstackException($"Job {jobId} not found");
                await store.SaveAsync(job with { Title = text.Length == 0 ? null : text }, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
