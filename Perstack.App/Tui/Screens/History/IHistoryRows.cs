using Perstack.App.Tui.Controls;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>What a <see cref="HistoryLoad"/> shows its rows on: the Job History screen.</summary>
internal interface IHistoryRows
{
    /// <summary>The list the rows are drawn in (its frame tells when they are on screen).</summary>
    BrowserList List { get; }

    JobId? SelectedJobId { get; }

    /// <summary>Whether the rows are sorted by start time (the cached listing comes by last activity).</summary>
    bool SortedByStart { get; }

    /// <summary>Whether the load <paramref name="version"/> is still wanted (no newer load started).</summary>
    bool IsLatest(int version);

    /// <summary>Shows rows of the cache (the checked listing follows), selecting <paramref name="keep"/>'s row.</summary>
    void ShowCached(IReadOnlyList<JobRow> rows, JobId? keep);

    /// <summary>Shows the checked listing (the load ends), selecting <paramref name="keep"/>'s row.</summary>
    void ShowListed(IReadOnlyList<JobRow> rows, JobId? keep, bool fallBackToExperts);

    /// <summary>The load <paramref name="version"/> failed.</summary>
    void Fail(int version, Exception error);
}
