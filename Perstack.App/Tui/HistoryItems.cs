using System.Globalization;
using Perstack.App.Output;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui;

/// <summary>A row of the Job History: a readable job, or a job folder that could not be read (never hidden).</summary>
internal sealed record JobRow(Job? Job, string Status, StoreProblem? Problem)
{
    /// <summary>The exact history row, or the flagged problem.</summary>
    public string Text => Job is { } job
        ? HistoryRows.Job(job)
        : $"⚠ corrupt job {FolderName(Problem!.Path)}: {Problem.Reason}";

    private static string FolderName(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        return Path.GetFileName(trimmed) == "job.json" ? Path.GetFileName(Path.GetDirectoryName(trimmed) ?? trimmed) : Path.GetFileName(trimmed);
    }

    /// <summary>Status marker and total tokens, shown after the row.</summary>
    public string Suffix => Job is { } job
        ? string.Create(CultureInfo.InvariantCulture, $"{StatusMarkers.Label(Status)}  {job.Usage.TotalTokens} tokens")
        : "";

    /// <summary>Whether the filter text matches (expert key, job id, status; case-insensitive).</summary>
    public bool Matches(string filter) => Job is { } job
        ? job.CoordinatorExpertKey.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || job.Id.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)
            || Status.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || StatusMarkers.Label(Status).Contains(filter, StringComparison.OrdinalIgnoreCase)
        : Problem!.Path.Contains(filter, StringComparison.OrdinalIgnoreCase) || Problem.Reason.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || "corrupt".Contains(filter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A checkpoint row placed in its fork tree.</summary>
internal sealed record CheckpointRow(CheckpointSummary Checkpoint, int Depth, bool BranchStart)
{
    /// <summary>The exact checkpoint row, indented by fork depth.</summary>
    public string Text => $"{new string(' ', Depth * 2)}{(BranchStart ? "└ " : "")}{HistoryRows.Checkpoint(Checkpoint)}";

    /// <summary>Status and expert.</summary>
    public string Suffix => $"{JobStatusText.Of(Checkpoint.Status)}  {Checkpoint.Expert.Key}  {Checkpoint.Usage.TotalTokens} tokens";

    public bool Matches(string filter) =>
        Checkpoint.Id.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Checkpoint.Expert.Key.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || JobStatusText.Of(Checkpoint.Status).Contains(filter, StringComparison.OrdinalIgnoreCase)
        || HistoryRows.Checkpoint(Checkpoint).Contains(filter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An event row: <c>[{type}] Step {n} ({time})</c>.</summary>
internal sealed record EventRow(EventSummary Event)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"[{Event.Type}] Step {Event.StepNumber} ({TimeFormat.Local(Event.Timestamp)})");

    public bool Matches(string filter) => Text.Contains(filter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An expert row: <c>{key} [config]</c> or <c>{key} [recent]</c>.</summary>
internal sealed record ExpertRow(string Key, bool Configured)
{
    public string Text => $"{Key} {(Configured ? "[config]" : "[recent]")}";

    public bool Matches(string filter) => Text.Contains(filter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Short status words and markers for the job list.</summary>
internal static class StatusMarkers
{
    /// <summary>completed / stopped / interactive / error / running / interrupted.</summary>
    public static string Label(string status) => status switch
    {
        "completed" => "✓ completed",
        "stoppedByMaxSteps" => "■ stopped",
        "stoppedByInteractiveTool" => "? interactive",
        "stoppedByError" => "✗ error",
        "running" => "▶ running",
        "interrupted" => "! interrupted",
        _ => status,
    };
}

/// <summary>Places checkpoints in their fork tree: a branch's rows follow its main line, indented by depth.</summary>
internal static class CheckpointTree
{
    /// <summary>
    /// Orders <paramref name="checkpoints"/> (listing order: step, then write order) as a tree. The parent is the
    /// recorded <see cref="CheckpointSummary.ParentCheckpointId"/>, else the first checkpoint one step earlier. A
    /// parent's first child continues its line; later children (forks) start a branch one level deeper.
    /// </summary>
    public static IReadOnlyList<CheckpointRow> Build(IReadOnlyList<CheckpointSummary> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var byId = new Dictionary<CheckpointId, CheckpointSummary>();
        var firstAtStep = new Dictionary<long, CheckpointSummary>();
        foreach (var c in checkpoints)
        {
            byId.TryAdd(c.Id, c);
            firstAtStep.TryAdd(c.StepNumber, c);
        }

        var children = new Dictionary<CheckpointId, List<CheckpointSummary>>();
        var roots = new List<CheckpointSummary>();
        foreach (var c in checkpoints)
        {
            CheckpointSummary? parent = c.ParentCheckpointId is { } pid && byId.TryGetValue(pid, out var p) && !p.Id.Equals(c.Id)
                ? p
                : firstAtStep.TryGetValue(c.StepNumber - 1, out var previous) ? previous : null;
            if (parent is null)
            {
                roots.Add(c);
            }
            else
            {
                if (!children.TryGetValue(parent.Id, out var list))
                {
                    children[parent.Id] = list = [];
                }

                list.Add(c);
            }
        }

        var rows = new List<CheckpointRow>(checkpoints.Count);
        var seen = new HashSet<CheckpointId>();
        var stack = new Stack<(CheckpointSummary Node, int Depth, bool Branch)>();
        for (int i = roots.Count - 1; i >= 0; i--)
        {
            stack.Push((roots[i], i == 0 ? 0 : 1, i > 0));
        }

        while (stack.Count > 0)
        {
            var (node, depth, branch) = stack.Pop();
            if (!seen.Add(node.Id))
            {
                continue;
            }

            rows.Add(new CheckpointRow(node, depth, branch));
            if (children.TryGetValue(node.Id, out var kids))
            {
                for (int i = kids.Count - 1; i >= 0; i--)
                {
                    stack.Push((kids[i], i == 0 ? depth : depth + 1, i > 0));
                }
            }
        }

        // Anything unreachable (a parent cycle) still shows, flat.
        rows.AddRange(checkpoints.Where(c => !seen.Contains(c.Id)).Select(c => new CheckpointRow(c, 0, false)));
        return rows;
    }

    /// <summary>The job's latest checkpoint, as <c>--continue-job</c> picks it.</summary>
    public static CheckpointSummary? Latest(IReadOnlyList<CheckpointSummary> checkpoints) =>
        checkpoints.Any(c => c.Sequence is not null)
            ? checkpoints.MaxBy(c => c.Sequence ?? 0)
            : checkpoints.Count == 0 ? null : checkpoints[^1];
}
