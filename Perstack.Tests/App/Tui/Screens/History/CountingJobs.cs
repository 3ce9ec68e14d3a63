using System.Collections;
using Perstack.Core.Domain;

namespace Perstack.Tests.App.Tui.Screens.History;

/// <summary>A cached listing that counts the jobs read on one thread while it is watched.</summary>
internal sealed class CountingJobs : IReadOnlyList<Job>
{
    private int _watched = -1;
    private int _reads;

    public IReadOnlyList<Job> Jobs { get; set; } = [];

    public int Count => Jobs.Count;

    public Job this[int index]
    {
        get
        {
            if (Environment.CurrentManagedThreadId == Volatile.Read(ref _watched))
            {
                _reads++;
            }

            return Jobs[index];
        }
    }

    /// <summary>Runs <paramref name="action"/>; how many jobs it read on <paramref name="thread"/>.</summary>
    public int ReadsOnThread(int thread, Action action)
    {
        _reads = 0;
        Volatile.Write(ref _watched, thread);
        try
        {
            action();
        }
        finally
        {
            Volatile.Write(ref _watched, -1);
        }

        return _reads;
    }

    public IEnumerator<Job> GetEnumerator() => Jobs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
