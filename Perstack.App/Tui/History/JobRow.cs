using System.Globalization;
using Perstack.App.Output;
using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.History;

/// <summary>A row of the Job History: a readable job, or a job folder that could not be read (never hidden).</summary>
internal sealed record JobRow(Job? Job, string Status, StoreProblem? Problem) : IFilterableRow
{
    /// <summary>The job's first query, once read (the filter matches it too).</summary>
    public string? Query { get; init; }

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

    /// <summary>Whether the filter text matches (expert key, job id, status, first query; case-insensitive).</summary>
    public bool Matches(string filter) => Job is { } job
        ? job.CoordinatorExpertKey.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || job.Id.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)
            || Status.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || StatusMarkers.Label(Status).Contains(filter, StringComparison.OrdinalIgnoreCase)
            || (Query?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false)
        : Problem!.Path.Contains(filter, StringComparison.OrdinalIgnoreCase) || Problem.Reason.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || "corrupt".Contains(filter, StringComparison.OrdinalIgnoreCase);
}
