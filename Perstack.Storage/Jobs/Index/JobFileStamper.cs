using Microsoft.Win32.SafeHandles;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// Takes the stamp of <c>jobs/&lt;id&gt;/job.json</c> for many jobs on several threads. A stamp is one <c>statx</c>,
/// almost all of it kernel time (the path walk), and path lookups scale across cores (RCU walk), so on 2 cores
/// 10,000 stamps take about half the time they take on one. Work is claimed in small blocks, so a core busy with
/// something else (the index decode on the calling thread, another process) simply takes fewer blocks.
/// </summary>
internal sealed class JobFileStamper
{
    // Small enough to balance two threads that start at different times, large enough that claiming is noise.
    private const int BlockSize = 64;

    // Below this many jobs per thread, waking another thread costs about what it saves.
    private const int MinJobsPerThread = 256;

    private readonly SafeFileHandle? _folder;
    private readonly string _directory;
    private readonly IReadOnlyList<JobId> _ids;
    private readonly FileStamp?[] _stamps;
    private readonly CancellationToken _cancellationToken;
    private readonly Task[] _helpers;
    private int _next;

    private JobFileStamper(SafeFileHandle? folder, string directory, IReadOnlyList<JobId> ids, FileStamp?[] stamps, int threads, CancellationToken cancellationToken)
    {
        _folder = folder;
        _directory = directory;
        _ids = ids;
        _stamps = stamps;
        _cancellationToken = cancellationToken;
        int helpers = Math.Clamp(Math.Min(threads, ids.Count / MinJobsPerThread) - 1, 0, threads);
        _helpers = new Task[helpers];
        for (int i = 0; i < helpers; i++)
        {
            _helpers[i] = Task.Run(Work, CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts stamping the job.json of every job in <paramref name="ids"/> into <paramref name="stamps"/> (the same
    /// positions) on up to <paramref name="threads"/> - 1 other threads; <see cref="FinishAsync"/> joins in and waits.
    /// </summary>
    /// <param name="folder"><paramref name="directory"/> open (<see cref="FileStamps.OpenFolder"/>), or null; must stay open until <see cref="FinishAsync"/> returns.</param>
    /// <param name="directory">The jobs folder.</param>
    /// <param name="ids">The jobs, in the order the stamps are wanted.</param>
    /// <param name="stamps">Receives the stamps; at least as long as <paramref name="ids"/>.</param>
    /// <param name="threads">How many threads may stamp at once, counting the caller's.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    public static JobFileStamper Start(SafeFileHandle? folder, string directory, IReadOnlyList<JobId> ids, FileStamp?[] stamps, int threads, CancellationToken cancellationToken) =>
        new(folder, directory, ids, stamps, threads, cancellationToken);

    /// <summary>Stamps on the calling thread what the helpers have not taken, then waits for them: all stamps are in when it returns.</summary>
    public async Task FinishAsync()
    {
        try
        {
            Work();
        }
        finally
        {
            // Even when cancelled: the helpers use the folder handle, which the caller closes after this.
            await Task.WhenAll(_helpers).ConfigureAwait(false);
        }
    }

    private void Work()
    {
        int count = _ids.Count;
        for (int start = Interlocked.Add(ref _next, BlockSize) - BlockSize; start < count; start = Interlocked.Add(ref _next, BlockSize) - BlockSize)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(start + BlockSize, count);
            for (int i = start; i < end; i++)
            {
                _stamps[i] = FileStamps.ReadIn(_folder, _directory, _ids[i].Value, StorageLayout.JobFileName);
            }
        }
    }
}
