using System.Diagnostics;
using System.Globalization;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The first queries of the listed jobs, read in the background once the filter is opened (see
/// <see cref="FirstQueryReader"/>). What is known lives on the UI thread (<see cref="Known"/>); the reader posts what it
/// found every quarter second, so a long history becomes searchable progressively and the UI never waits.
/// </summary>
internal sealed class JobQueries(FirstQueryReader reader)
{
    private static readonly TimeSpan PostEvery = TimeSpan.FromMilliseconds(250);
    private int _pending;
    private int _done;
    private Action? _next;

    /// <summary>The queries read so far; the rows look theirs up here.</summary>
    public KnownQueries Known { get; } = new();

    public bool IsFilling { get; private set; }

    /// <summary>Said after the filter in the heading while queries are still being read.</summary>
    public string Progress => !IsFilling ? ""
        : Volatile.Read(ref _pending) is > 0 and var pending ? string.Create(CultureInfo.InvariantCulture, $", reading queries {_done}/{pending}…")
        : ", reading queries…";

    /// <summary>Whether the query of <paramref name="id"/> was read (it may be null: none recorded).</summary>
    public bool Knows(JobId id) => Known.Knows(id);

    /// <summary>
    /// Reads the queries of the jobs at <paramref name="positions"/> of <paramref name="rows"/> not known yet, off the
    /// UI thread (one fill at a time: asked while one runs, the last ask starts when it ends); <paramref name="learnt"/>
    /// runs on the UI thread after each batch and at the end, with the positions whose job has a query now. Which jobs
    /// are unread is found off the UI thread too: the rows of a cached listing are made when first read, and making
    /// 100,000 of them took the UI thread for most of a second when the filter was opened.
    /// </summary>
    public void Fill(IReadOnlyList<JobRow> rows, IEnumerable<int> positions, UiWork work, Action<IReadOnlyList<int>> learnt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(work);
        if (IsFilling)
        {
            // The filter opened while the rows around the cursor are read: its fill must not be lost.
            _next = () => Fill(rows, positions, work, learnt);
            return;
        }

        IsFilling = true;
        _pending = 0;
        _done = 0;
        var dispatcher = work.Dispatcher;
        work.Run(
            async () =>
            {
                var jobs = Unread(rows, positions);
                Volatile.Write(ref _pending, jobs.Count);
                var batch = new List<Read>();
                var clock = Stopwatch.StartNew();
                foreach (var (position, job) in jobs)
                {
                    batch.Add(new(position, job.Id, await ReadAsync(job).ConfigureAwait(false)));
                    if (clock.Elapsed >= PostEvery)
                    {
                        var full = batch;
                        batch = [];
                        clock.Restart();
                        dispatcher.Post(() => Merge(full, learnt));
                    }
                }

                return batch;
            },
            last =>
            {
                IsFilling = false;
                Merge(last, learnt);
                StartNext();
            },
            _ =>
            {
                IsFilling = false;
                learnt([]);
                StartNext();
            });
    }

    private List<(int Position, Job Job)> Unread(IReadOnlyList<JobRow> rows, IEnumerable<int> positions)
    {
        var jobs = new List<(int Position, Job Job)>();
        foreach (int position in positions)
        {
            if (rows[position].Job is { } job && !Known.Knows(job.Id))
            {
                jobs.Add((position, job));
            }
        }

        return jobs;
    }

    private void StartNext()
    {
        var next = _next;
        _next = null;
        next?.Invoke();
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

    private void Merge(List<Read> batch, Action<IReadOnlyList<int>> learnt)
    {
        var withQuery = new List<int>(batch.Count);
        foreach (var (position, id, query) in batch)
        {
            Known.Learn(id, query);
            if (query is not null)
            {
                withQuery.Add(position);
            }
        }

        _done += batch.Count;
        learnt(withQuery);
    }

    private readonly record struct Read(int Position, JobId Id, string? Query);
}
