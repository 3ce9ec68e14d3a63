using System.Globalization;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.History;

/// <summary>A row of the Job History: a readable job, or a job folder that could not be read (never hidden).</summary>
internal sealed record JobRow(Job? Job, string Status, StoreProblem? Problem) : IFilterableRow
{
    private const int MinAbout = 12;

    /// <summary>Where the job's first query is looked up once read (the filter matches it too).</summary>
    public KnownQueries? Queries { get; init; }

    /// <summary>The job's first query, once read.</summary>
    public string? Query => Job is { } job ? Queries?.Of(job.Id) : null;

    /// <summary>What the job was about: its title, or else its first query.</summary>
    public string? About => Job?.Title is { Length: > 0 } title ? title : Query;

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
        ? string.Create(CultureInfo.InvariantCulture, $"{StatusMarkers.Label(Status)}  {Tokens(job)}")
        : "";

    private static string Tokens(Job job) => string.Create(CultureInfo.InvariantCulture, $"{job.Usage.TotalTokens} tokens{DerivedJobText.Marker(job)}");

    /// <summary>
    /// The row as drawn in <paramref name="width"/> columns: <c>expertKey - N steps (jobId)</c> always whole and first,
    /// then what fits, by priority: the status (else its marker alone), the time since the last activity, the title or
    /// first query (cut in the middle), the tokens, the start time. The title is placed after the head, the rest at
    /// the right edge. Matches of the filter's <paramref name="words"/> are marked.
    /// </summary>
    public IReadOnlyList<RowSegment> Layout(int width, IReadOnlyList<string> words, long now)
    {
        if (Job is not { } job)
        {
            return [.. RowSegment.Highlight(Text, words, StatusMarkers.ColorOf("corrupt"))];
        }

        var head = HistoryRows.JobHead(job);
        var status = StatusMarkers.Label(Status);
        var ago = TimeFormat.Ago(job.LastActivityAt, now);
        var tokens = Tokens(job);
        var started = $" ({TimeFormat.Local(job.StartedAt)})";

        // What fits, in priority order; at least two spaces stay before the right-hand parts.
        int headWidth = TextWidth.Of(head);
        int room = width - headWidth - 2 - status.Length;
        if (room < 0)
        {
            status = status[..1];
            room = width - headWidth - 2 - status.Length;
        }

        bool showAgo = Take(ref room, ago.Length + 2);
        bool showAbout = About is not null && Take(ref room, MinAbout + 2);
        bool showTokens = Take(ref room, tokens.Length + 2);
        bool showStarted = Take(ref room, started.Length);

        var left = new List<RowSegment>(6);
        left.AddRange(RowSegment.Highlight(head, words));
        if (showStarted)
        {
            left.Add(new(started));
        }

        if (showAbout)
        {
            left.Add(new("  "));
            left.AddRange(RowSegment.Highlight(TextFit.Middle(About!, MinAbout + Math.Max(0, room)), words));
        }

        var right = new List<RowSegment>(3);
        if (showTokens)
        {
            right.Add(new(tokens + "  "));
        }

        if (showAgo)
        {
            right.Add(new(ago + "  "));
        }

        right.Add(new(status, StatusMarkers.ColorOf(Status)));
        int used = left.Sum(p => TextWidth.Of(p.Text)) + right.Sum(p => TextWidth.Of(p.Text));
        return [.. left, new(new string(' ', Math.Max(2, width - used))), .. right];
    }

    private static bool Take(ref int room, int cost)
    {
        if (room < cost)
        {
            return false;
        }

        room -= cost;
        return true;
    }

    /// <summary>
    /// Whether every word of the filter matches a field: the expert key, title and first query as
    /// <see cref="FuzzyMatch"/> says; the job id and status as plain text (a random id would match scattered letters).
    /// </summary>
    public bool Matches(string filter)
    {
        foreach (var word in FuzzyMatch.Words(filter))
        {
            if (!MatchesWord(word))
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesWord(string word)
    {
        if (Job is not { } job)
        {
            return Problem!.Path.Contains(word, StringComparison.OrdinalIgnoreCase)
                || Problem.Reason.Contains(word, StringComparison.OrdinalIgnoreCase)
                || "corrupt".Contains(word, StringComparison.OrdinalIgnoreCase);
        }

        return job.Id.ToString().Contains(word, StringComparison.OrdinalIgnoreCase)
            || Status.Contains(word, StringComparison.OrdinalIgnoreCase)
            || StatusMarkers.Label(Status).Contains(word, StringComparison.OrdinalIgnoreCase)
            || FuzzyMatch.Matches(job.CoordinatorExpertKey, word)
            || (job.Title is { } title && FuzzyMatch.Matches(title, word))
            || (Query is { } query && FuzzyMatch.Matches(query, word));
    }
}
