using System.Diagnostics;
using System.Globalization;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The first queries of the listed jobs, read in the background once the filter is opened (see
/// <see cref="FirstQueryReader"/>). What is known lives on the UI thread; the reader posts what it found every
/// quarter second, so a long history becomes searchable progressively and the UI never waits.
/// </summary>
internal sealed class JobQueries(FirstQueryReader reader)
{
    private static readonly TimeSpan PostEvery = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<JobId, string?> _known = [];
    private int _pending;
    private int _done;

    public bool IsFilling { get; private set; }

    /// <summary>Said after the filter in the heading while queries are still being read.</summary>
    public string Progress => IsFilling ? string.Create(CultureInfo.InvariantCulture, $", reading queries {_done}/{_pending}…") : "";

    /// <summary>Whether the query of <paramref name="id"/> was read (it may be null: none recorded).</summary>
    public bool Knows(JobId id) => _known.ContainsKey(id);

    /// <summary>The rows with every query known so far.</summary>
    public IReadOnlyList<JobRow> Apply(IReadOnlyList<JobRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_known.Count == 0)
        {
            return rows;
        }

        var result = new JobRow[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            result[i] = row.Job is { } job && row.Query is null && _known.TryGetValue(job.Id, out var query) && query is not null
                ? row with { Query = query }
                : row;
        }

        return result;
    }

    /// <summary>
    /// Reads the queries of the jobs not known yet, off the UI thread (one fill at a time); <paramref name="found"/>
    /// runs on the UI thread after each batch and at the end.
    /// </summary>
    public void Fill(IReadOnlyList<JobRow> rows, UiWork work, Action found)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(work);
        if (IsFilling)
        {
            return;
        }

        var jobs = rows.Select(r => r.Job).OfType<Job>().Where(j => !_known.ContainsKey(j.Id)).ToList();
        if (jobs.Count == 0)
        {
            return;
        }

        IsFilling = true;
        _pending = jobs.Count;
        _done = 0;
        var dispatcher = work.Dispatcher;
        work.Run(
            async () =>
            {
                var batch = new List<KeyValuePair<JobId, string?>>();
                var clock = Stopwatch.StartNew();
                foreach (var job in jobs)
                {
                    batch.Add(new(job.Id, await ReadAsync(job).ConfigureAwait(false)));
                    if (clock.Elapsed >= PostEvery)
                    {
                        var full = batch;
                        batch = [];
                        clock.Restart();
                        dispatcher.Post(() => Merge(full, found));
                    }
                }

                return batch;
            },
            last =>
            {
                IsFilling = false;
                Merge(last, found);
            },
            _ =>
            {
                IsFilling = false;
                found();
            });
    }

    private async Task<string?> ReadAsync(Job job)
    {
        try
        {
            return await reader.ReadAsync(job).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidIdException)
        {
            // A job folder deleted or unreadable meanwhile: no query to match; its row says what is wrong.
            return null;
        }
    }

    private void Merge(List<KeyValuePair<JobId, string?>> batch, Action found)
    {
        foreach (var (id, query) in batch)
        {
            _known[id] = query;
        }

        _done += batch.Count;
        found();
    }
}
