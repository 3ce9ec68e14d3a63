namespace Perstack.Core.Storage;

/// <summary>
/// When the stores' writes reach the disk. A run's stores write behind their callers (queued, then committed in groups
/// on a background task), so the runtime never waits for an fsync; this port orders what depends on those writes.
/// Stores that write immediately (<see cref="ImmediateStoreCommits"/>) run everything at once.
/// </summary>
public interface IStoreCommits
{
    /// <summary>
    /// Runs <paramref name="action"/> once every store write issued before this call is on disk, in the order of the
    /// calls: an event reaches stdout or the TUI only after its file (and its checkpoint's) exists. If one of those
    /// writes fails, the action is skipped; the failure is reported to the next write or commit.
    /// </summary>
    ValueTask AfterCommitAsync(Func<ValueTask> action);

    /// <summary>Waits until every store write issued before this call is on disk.</summary>
    /// <exception cref="IOException">One of those writes failed.</exception>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
