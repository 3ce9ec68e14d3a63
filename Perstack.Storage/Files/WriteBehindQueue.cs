using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using Perstack.Core.Storage;

namespace Perstack.Storage.Files;

/// <summary>
/// The write-behind half of <see cref="StoreWriter"/>. Callers queue writes and return at once; one background loop
/// takes whatever has queued up, writes it all to temp files, fsyncs them together (the file system commits its
/// journal about once for the group rather than once per file), renames them into place in call order, then runs
/// the work queued behind them. A crash leaves a prefix of the calls on disk, every file whole.
/// A failed write is reported once, to the next caller (and to commits queued before that); the calls queued before
/// the report are dropped, as they would never have been made had the write failed in the caller's own call.
/// </summary>
internal sealed class WriteBehindQueue : IAsyncDisposable
{
    private const int MaxBatch = 128;
    private const int Capacity = 4096;

    private readonly Channel<QueuedItem> _items = Channel.CreateBounded<QueuedItem>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, int> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private long _epoch;
    private long _droppedEpoch = -1;
    private Exception? _unreported;
    private Exception? _failure;

    public WriteBehindQueue() => _loop = Task.Run(RunAsync);

    /// <summary>Whether a write of <paramref name="path"/> is queued and not yet renamed into place.</summary>
    public bool IsPending(string path) => _pending.ContainsKey(path);

    public ValueTask WriteAsync(string path, Func<ReadOnlyMemory<byte>> content, DateTime? lastWriteUtc)
    {
        long epoch = TakeReport();
        _pending.AddOrUpdate(path, 1, (_, count) => count + 1);
        return _items.Writer.WriteAsync(new QueuedItem.Write(epoch, path, content, lastWriteUtc));
    }

    /// <summary>Queues <paramref name="action"/>; never reports a failure (the action is skipped after one).</summary>
    public ValueTask AfterCommitAsync(Func<ValueTask> action) =>
        _items.Writer.WriteAsync(new QueuedItem.Action(Volatile.Read(ref _epoch), action));

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _items.Writer.WriteAsync(new QueuedItem.Commit(TakeReport(), done), CancellationToken.None).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is queued and stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>The epoch for a new call; throws (once) a failure nobody has been told about.</summary>
    private long TakeReport()
    {
        lock (_gate)
        {
            if (_unreported is { } failure)
            {
                MarkReported();
                ExceptionDispatchInfo.Throw(failure);
            }

            return _epoch;
        }
    }

    /// <summary>A caller has been told of the failure: calls from now on are a new epoch, not dropped. Under the gate.</summary>
    private void MarkReported()
    {
        _unreported = null;
        _epoch++;
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedItem>(MaxBatch);
        while (await _items.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _items.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await ProcessAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task ProcessAsync(List<QueuedItem> batch)
    {
        var (failedAt, failure) = WriteTemps(batch);
        for (int i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            if (i == failedAt)
            {
                Fail(failure!);
            }

            if (IsDropped(item))
            {
                Drop(item);
                continue;
            }

            try
            {
                switch (item)
                {
                    case QueuedItem.Write write:
                        Rename(write);
                        break;
                    case QueuedItem.Action action:
                        await action.Run().ConfigureAwait(false);
                        break;
                    case QueuedItem.Commit commit:
                        commit.Done.TrySetResult();
                        break;
                }
            }
            catch (OperationCanceledException) when (item is QueuedItem.Action)
            {
                // A listener that stopped because the run was cancelled: nothing failed to reach the disk.
            }
            catch (Exception e)
            {
                Fail(e);
                Drop(item);
            }
        }
    }

    /// <summary>
    /// Writes every live write's temp file, then flushes them all to disk. Returns the position of the first write that
    /// failed (everything from there on is dropped) and why, or the batch's length.
    /// </summary>
    private (int FailedAt, Exception? Failure) WriteTemps(List<QueuedItem> batch)
    {
        var open = new List<(int Position, SafeFileHandle Handle)>();
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                if (batch[i] is QueuedItem.Write write && !IsDropped(write))
                {
                    try
                    {
                        var content = write.Content();
                        write.Temp = AtomicFile.CreateTempPath(write.Path);
                        var handle = File.OpenHandle(write.Temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                        open.Add((i, handle));
                        RandomAccess.Write(handle, content.Span, 0);
                        if (write.LastWriteUtc is { } time)
                        {
                            File.SetLastWriteTimeUtc(handle, time);
                        }

                        Writeback.Start(handle);
                    }
                    catch (Exception e)
                    {
                        return (i, AsFailure(e, write.Path));
                    }
                }
            }

            foreach (var (position, handle) in open)
            {
                try
                {
                    RandomAccess.FlushToDisk(handle);
                }
                catch (Exception e)
                {
                    return (position, AsFailure(e, ((QueuedItem.Write)batch[position]).Path));
                }
            }

            return (batch.Count, null);
        }
        finally
        {
            foreach (var (_, handle) in open)
            {
                handle.Dispose();
            }
        }
    }

    private void Rename(QueuedItem.Write write)
    {
        try
        {
            File.Move(write.Temp!, write.Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AsFailure(e, write.Path);
        }

        Forget(write.Path);
    }

    private static StoreWriteException AsFailure(Exception e, string path) =>
        new(e is ArgumentOutOfRangeException tooLarge ? AtomicFile.FileTooLarge(path, tooLarge) : e);

    private bool IsDropped(QueuedItem item)
    {
        lock (_gate)
        {
            return item.Epoch <= _droppedEpoch;
        }
    }

    /// <summary>Everything queued so far is dropped; the failure waits for the next caller.</summary>
    private void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure = failure;
            _unreported = failure;
            _droppedEpoch = _epoch;
        }
    }

    private void Drop(QueuedItem item)
    {
        switch (item)
        {
            case QueuedItem.Write write:
                if (write.Temp is { } temp)
                {
                    AtomicFile.TryDelete(temp);
                }

                Forget(write.Path);
                break;
            case QueuedItem.Commit commit:
                lock (_gate)
                {
                    // Told to this caller: the next one goes on.
                    if (ReferenceEquals(_unreported, _failure))
                    {
                        MarkReported();
                    }
                }

                commit.Done.TrySetException(_failure!);
                break;
        }
    }

    private void Forget(string path)
    {
        while (_pending.TryGetValue(path, out int count))
        {
            if (count <= 1 ? _pending.TryRemove(new KeyValuePair<string, int>(path, count)) : _pending.TryUpdate(path, count - 1, count))
            {
                return;
            }
        }
    }
}
