using Perstack.Core.Text;
using System.Globalization;
using System.Text;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.Common;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// What the history's preview pane shows of a job: title, first query, status with times and tokens, the last
/// messages of the conversation and the checkpoints as a tree. <see cref="LoadAsync"/> reads what job.json does not
/// hold (off the UI thread); <see cref="Format"/> lays it out, first with what the row already knows.
/// </summary>
internal sealed class JobPreview(ICheckpointStore checkpoints, FirstQueryReader queries)
{
    public const int LastMessages = 8;

    /// <summary>What was read for one job.</summary>
    public sealed record Details(string? Query, IReadOnlyList<CheckpointSummary> Checkpoints, int Unreadable, Checkpoint? Latest, string? Error);

    public async Task<Details> LoadAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            var query = await queries.ReadAsync(job, cancellationToken).ConfigureAwait(false);
            var listing = await checkpoints.ListAsync(job.Id, cancellationToken).ConfigureAwait(false);
            var latest = CheckpointTree.Latest(listing.Items) is { } summary
                ? await checkpoints.GetAsync(job.Id, summary.Id, cancellationToken).ConfigureAwait(false)
                : null;
            return new Details(query, listing.Items, listing.Problems.Count, latest, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptFileException or InvalidIdException)
        {
            return new Details(null, [], 0, null, e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>The pane's text for <paramref name="row"/>; <paramref name="details"/> null while they are being read.</summary>
    public static string Format(JobRow row, Details? details, long now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        if (row.Job is not { } job)
        {
            return $"Unreadable job\n{row.Problem!.Path}\n{row.Problem.Reason}";
        }

        if (job.Title is { Length: > 0 } title)
        {
            text.Append(title).Append('\n');
        }

        text.Append(job.Id).Append("  ").Append(StatusMarkers.Label(row.Status)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"{job.CoordinatorExpertKey} · {CountText.Of(job.TotalSteps, "step")} · {HistoryRows.Tokens(job.Usage)}\n");
        text.Append(CultureInfo.InvariantCulture, $"started {TimeFormat.Local(job.StartedAt)} · last activity {TimeFormat.Ago(job.LastActivityAt, now)}\n");
        if (job.ForkedFrom is { } origin)
        {
            text.Append(CultureInfo.InvariantCulture, $"forked from {origin.JobId} at {origin.CheckpointId}\n");
        }

        var query = row.Query ?? details?.Query;
        text.Append("query: ").Append(query is null ? details is null ? "…" : "(none recorded)" : TextFit.OneLine(query)).Append('\n');
        if (details is null)
        {
            return text.Append("\nreading…").ToString();
        }

        if (details.Error is { } error)
        {
            return text.Append("\nCannot read this job's checkpoints: ").Append(error).ToString();
        }

        text.Append("\nLast messages\n");
        var lines = details.Latest is { } latest ? MessageLines.Last(latest.Messages, latest.Expert.Key, LastMessages) : [];
        AppendIndented(text, lines.Count == 0 ? ["(none)"] : lines);
        text.Append(CultureInfo.InvariantCulture, $"\nCheckpoints ({details.Checkpoints.Count})\n");
        AppendIndented(text, CheckpointTree.Build(details.Checkpoints).Select(r => $"{r.Text}  {JobStatusText.Of(r.Checkpoint.Status)}").ToList());
        if (details.Unreadable > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ({details.Unreadable} unreadable checkpoint file(s))\n");
        }

        return text.ToString();
    }

    private static void AppendIndented(StringBuilder text, IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append("  ").Append(line).Append('\n');
        }
    }
}
