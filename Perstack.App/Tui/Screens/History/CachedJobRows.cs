using System.Collections;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The rows of a cached listing, already in the History's default order, each made the first time it is read: the
/// list draws the first screenful of 100,000 jobs from as many rows (and the store decodes as many jobs), and a
/// sort, a filter or a jump to the end reads the rest when it needs them.
/// </summary>
internal sealed class CachedJobRows(IReadOnlyList<Job> jobs, IJobLocks locks, KnownQueries queries) : IReadOnlyList<JobRow>
{
    private readonly JobRow?[] _rows = new JobRow?[jobs.Count];

    public int Count => _rows.Length;

    // Read on the UI thread (the list, the sort) and off it (the filter's matching, the first queries' reader): a row
    // made twice at once is the same row, and the first one stored is the one every reader gets.
    public JobRow this[int index]
    {
        get
        {
            if (Volatile.Read(ref _rows[index]) is { } row)
            {
                return row;
            }

            var made = new JobRow(jobs[index], JobStatusText.Of(jobs[index], locks), null) { Queries = queries };
            return Interlocked.CompareExchange(ref _rows[index], made, null) ?? made;
        }
    }

    public IEnumerator<JobRow> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
