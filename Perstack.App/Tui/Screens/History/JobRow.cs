using System.Globalization;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.History;

/// <summary>A row of the Job History: a readable job, or a job folder that could not be read (never hidden).</summary>
internal sealed record JobRow(Job? Job, string Status, StoreProblem? Problem) : IFilterableRow
{
    private readonly string? _query;
    private string? _haystack;

    /// <summary>The job's first query, once read (the filter matches it too).</summary>
    public string? Query
    {
        get => _query;
        init
        {
            _query = value;
            _haystack = null;
        }
    }

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
        ? string.Create(CultureInfo.InvariantCulture, $"{StatusMarkers.Label(Status)}  {job.Usage.TotalTokens} tokens{DerivedJobText.Marker(job)}")
        : "";

    /// <summary>Whether the filter text matches (expert key, job id, status, first query; case-insensitive).</summary>
    public bool Matches(string filter) => Haystack.Contains(filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Everything the filter looks at, joined once per row: a keystroke in the filter of a 100,000-job history is one
    /// search per row instead of five plus the formatting of ids and labels.
    /// </summary>
    private string Haystack => _haystack ??= Job is { } job
        ? string.Join('\n', job.CoordinatorExpertKey, job.Id.ToString(), Status, StatusMarkers.Label(Status), _query ?? "")
        : string.Join('\n', Problem!.Path, Problem.Reason, "corrupt");
}
