using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using AfterPut = System.Func<System.ReadOnlyMemory<byte>, string, System.Threading.CancellationToken, System.Threading.Tasks.Task>;

namespace Perstack.Storage.S3;

/// <summary>
/// Where the S3 stores write. Immediate (commands): each object is uploaded when its call returns. Writing behind (a
/// run's stores): uploads are queued and made one after another on a background task, in call order, so a slow network
/// never slows the agent loop; a killed writer leaves a prefix of the run's objects, each whole (an S3 PUT is atomic), so
/// the job continues from its last uploaded checkpoint. A failed upload (after the client's retries) is reported to the
/// run's next store call or commit, once, and what was queued before that report is dropped — the run stops with one
/// line, as on disk (<see cref="Files.StoreWriter"/>).
/// </summary>
public sealed class S3Writer : IStoreCommits, IAsyncDisposable, IDisposable
{
    private readonly S3Bucket _bucket;
    private readonly SecretRedactor _secrets;
    private readonly Leases.S3JobLeases? _leases;
    private readonly Channel<Item>? _items;
    private readonly Task? _loop;
    private readonly ConcurrentDictionary<string, int> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _epoch;
    private long _droppedEpoch = -1;
    private Exception? _unreported;
    private Exception? _failure;

    private S3Writer(S3Bucket bucket, SecretRedactor secrets, bool behind, Leases.S3JobLeases? leases)
    {
        _bucket = bucket;
        _secrets = secrets;
        _leases = leases;
        if (behind)
        {
            _items = Channel.CreateBounded<Item>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>A writer that uploads on the caller's call.</summary>
    /// <remarks>With <paramref name="leases"/>, the first upload waits for the conditional-write check (<see cref="Leases.S3JobLeases.EnsureHeldAsync"/>).</remarks>
    public static S3Writer Immediate(S3Bucket bucket, Leases.S3JobLeases? leases = null) => new(bucket, SecretRedactor.None, behind: false, leases);

    /// <summary>
    /// A writer that uploads behind its callers until disposed; every object passes through <paramref name="secrets"/>.
    /// With <paramref name="leases"/>, nothing more is uploaded for a job whose lease was taken over: the upload fails
    /// with the lease's line, which stops the run.
    /// </summary>
    public static S3Writer StartWriteBehind(S3Bucket bucket, SecretRedactor? secrets, Leases.S3JobLeases? leases = null) =>
        new(bucket, secrets ?? SecretRedactor.None, behind: true, leases);

    /// <summary>Whether uploads are queued.</summary>
    public bool WritesBehind => _items is not null;

    internal SecretRedactor Secrets => _secrets;

    /// <summary>Serialised JSON with every known secret form replaced.</summary>
    public ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> json) => _secrets.RedactUtf8(json);

    /// <summary>Whether an upload of <paramref name="key"/> is queued.</summary>
    public bool IsPending(string key) => _pending.ContainsKey(key);

    /// <summary>Uploads <paramref name="content"/> as <paramref name="key"/>.</summary>
    /// <exception cref="StoreWriteException">This upload failed, or (writing behind) an earlier one did.</exception>
    public Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(key, () => content, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>, then <paramref name="afterPut"/> with the bytes and their new ETag.</summary>
    public Task WriteAsync(string key, ReadOnlyMemory<byte> content, AfterPut afterPut, CancellationToken cancellationToken) =>
        WriteAsync(key, () => content, cancellationToken, afterPut);

    /// <summary>Uploads <paramref name="value"/> as JSON (serialised and redacted on the writer's task when writing behind).</summary>
    public Task WriteJsonAsync<T>(string key, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteAsync(key, () => Redact(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), cancellationToken);

    /// <summary>
    /// As <see cref="WriteJsonAsync{T}(string, T, JsonTypeInfo{T}, CancellationToken)"/>, then (on the writer's task when
    /// writing behind, in order) <paramref name="afterPut"/> with the bytes uploaded and their new ETag; its failure is
    /// reported as the upload's would be.
    /// </summary>
    public Task WriteJsonAsync<T>(string key, T value, JsonTypeInfo<T> typeInfo, AfterPut afterPut, CancellationToken cancellationToken) =>
        WriteAsync(key, () => Redact(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), cancellationToken, afterPut);

    private async Task WriteAsync(string key, Func<ReadOnlyMemory<byte>> content, CancellationToken cancellationToken, AfterPut? afterPut = null)
    {
        if (_items is null)
        {
            await PutAsync(key, content(), afterPut, cancellationToken).ConfigureAwait(false);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        long epoch = TakeReport();
        _pending.AddOrUpdate(key, 1, (_, count) => count + 1);
        await _items.Writer.WriteAsync(new Item(epoch, key, content, null, null, afterPut), CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask AfterCommitAsync(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _items is null ? action() : _items.Writer.WriteAsync(new Item(Volatile.Read(ref _epoch), null, null, action, null, null));
    }

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_items is null)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _items.Writer.WriteAsync(new Item(TakeReport(), null, null, null, done, null), CancellationToken.None).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_items is not null)
        {
            _items.Writer.TryComplete();
            await _loop!.ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container that disposes synchronously (an immediate writer has nothing queued).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task PutAsync(string key, ReadOnlyMemory<byte> content, AfterPut? afterPut, CancellationToken cancellationToken)
    {
        try
        {
            if (_leases is not null)
            {
                await _leases.EnsureHeldAsync(key, cancellationToken).ConfigureAwait(false);
            }

            var etag = await _bucket.PutIfAsync(key, content, null, cancellationToken).ConfigureAwait(false) ?? "";
            if (afterPut is not null)
            {
                await afterPut(content, etag, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Core.Domain.PerstackException e)
        {
            throw new StoreWriteException(e);
        }
    }

    private long TakeReport()
    {
        lock (_gate)
        {
            if (_unreported is { } failure)
            {
                _unreported = null;
                _epoch++;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return _epoch;
        }
    }

    private async Task RunAsync()
    {
        await foreach (var item in _items!.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            bool dropped;
            lock (_gate)
            {
                dropped = item.Epoch <= _droppedEpoch;
            }

            try
            {
                if (item.Key is { } key)
                {
                    try
                    {
                        if (!dropped)
                        {
                            await PutAsync(key, item.Content!(), item.AfterPut, CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        Forget(key);
                    }
                }
                else if (item.Action is { } action && !dropped)
                {
                    await action().ConfigureAwait(false);
                }
                else if (item.Done is { } done)
                {
                    if (dropped)
                    {
                        lock (_gate)
                        {
                            if (ReferenceEquals(_unreported, _failure))
                            {
                                _unreported = null;
                                _epoch++;
                            }
                        }

                        done.TrySetException(_failure!);
                    }
                    else
                    {
                        done.TrySetResult();
                    }
                }
            }
            catch (OperationCanceledException) when (item.Action is not null)
            {
                // A listener stopped because the run was cancelled: nothing failed to upload.
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failure = e is StoreWriteException ? e : new StoreWriteException(e);
                    _unreported = _failure;
                    _droppedEpoch = _epoch;
                }
            }
        }
    }

    private void Forget(string key)
    {
        while (_pending.TryGetValue(key, out int count))
        {
            if (count <= 1 ? _pending.TryRemove(new KeyValuePair<string, int>(key, count)) : _pending.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    private sealed record Item(long Epoch, string? Key, Func<ReadOnlyMemory<byte>>? Content, Func<ValueTask>? Action, TaskCompletionSource? Done, AfterPut? AfterPut);
}
