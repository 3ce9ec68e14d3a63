using System.Collections.Concurrent;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The first queries read so far, by job: the rows look theirs up here when drawn or filtered, so learning a query
/// touches no row (a copy of 100,000 rows per batch read would cost every keystroke that meets it). Learnt on the UI
/// thread; read there and by the filter's matching and the reader's picking of unread jobs off it, hence concurrent.
/// </summary>
internal sealed class KnownQueries
{
    private readonly ConcurrentDictionary<JobId, string?> _known = new();

    /// <summary>Whether the query of <paramref name="id"/> was read (it may be null: none recorded).</summary>
    public bool Knows(JobId id) => _known.ContainsKey(id);

    /// <summary>The query of <paramref name="id"/>; null while unread or when none was recorded.</summary>
    public string? Of(JobId id) => _known.GetValueOrDefault(id);

    public void Learn(JobId id, string? query) => _known[id] = query;
}
