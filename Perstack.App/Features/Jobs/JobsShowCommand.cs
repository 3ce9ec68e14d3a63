using Perstack.Core.Text;
using System.CommandLine;
using System.Globalization;
using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs show &lt;jobId&gt;</c>.</summary>
internal static class JobsShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var jobIdArgument = IdSymbols.JobIdArgument("jobId", "The job to show", bareError: true);
        var json = new Option<bool>("--json") { Description = "Print one JSON document (job, checkpoints, problems)" };
        var command = new Command("show", "Show a job and its checkpoints") { jobIdArgument, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobId = parse.GetValue(jobIdArgument);
            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobsShowHandler>(handler => handler.RunAsync(context, jobId, parse.GetValue(json), cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The text form of <c>jobs show</c>.</summary>
    internal static async Task WriteTextAsync(TextWriter output, Job job, string status, IReadOnlyList<CheckpointSummary> checkpoints)
    {
        await output.WriteLineAsync($"Job:      {job.Id}{(job.IsDerived ? " (derived from its checkpoints: it has no job.json)" : "")}").ConfigureAwait(false);
        if (job.Title is { Length: > 0 } title)
        {
            await output.WriteLineAsync($"Title:    {title}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Expert:   {job.CoordinatorExpertKey}").ConfigureAwait(false);
        await output.WriteLineAsync($"Status:   {status}").ConfigureAwait(false);
        await output.WriteLineAsync($"Steps:    {job.TotalSteps}{(job.MaxSteps is { } max ? $" (max {max})" : "")}").ConfigureAwait(false);
        await output.WriteLineAsync($"Usage:    {HistoryRows.Tokens(job.Usage)}").ConfigureAwait(false);
        await output.WriteLineAsync($"Started:  {TimeFormat.Local(job.StartedAt)}").ConfigureAwait(false);
        if (job.FinishedAt is { } finished)
        {
            await output.WriteLineAsync($"Finished: {TimeFormat.Local(finished)}").ConfigureAwait(false);
        }

        if (job.ForkedFrom is { } origin)
        {
            await output.WriteLineAsync($"Forked:   from job {origin.JobId} at checkpoint {origin.CheckpointId}").ConfigureAwait(false);
        }

        var tips = CheckpointBranches.Tips(checkpoints);
        if (tips.Count > 1)
        {
            // job.json's totals are the branch written last (as the reference assigns them); each branch has its own.
            await output.WriteLineAsync($"Branches: {tips.Count} (steps and usage above are the current branch's; each branch's totals below)").ConfigureAwait(false);
            foreach (var tip in tips)
            {
                var current = tip == tips[0] ? "  (current)" : "";
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"  {HistoryRows.Checkpoint(tip)}  {JobStatusText.Of(tip.Status)}  {CountText.Of(tip.StepNumber, "step")}  {HistoryRows.Tokens(tip.Usage)}{current}")).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(checkpoints.Count == 0 ? "No checkpoints found" : "Checkpoints:").ConfigureAwait(false);
        int width = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => HistoryRows.Checkpoint(c).Length);
        foreach (var checkpoint in checkpoints)
        {
            await output.WriteLineAsync(
                $"  {HistoryRows.Checkpoint(checkpoint).PadRight(width)}  {JobStatusText.Of(checkpoint.Status),-25}  {checkpoint.Expert.Key}  {HistoryRows.Tokens(checkpoint.Usage)}")
                .ConfigureAwait(false);
        }
    }
}
