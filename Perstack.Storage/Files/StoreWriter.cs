using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.Storage.Files;

/// <summary>
/// Where the file stores write. <see cref="Immediate"/> (the default): each write is on disk (temp file, fsync, rename)
/// when its call returns. <see cref="StartWriteBehind"/> (a run's stores): writes are queued and committed in groups
/// on a background task, in call order, so a run never waits for the disk; <see cref="IStoreCommits"/> orders what
/// depends on them, and disposing commits what is left. Either way every file is replaced atomically.
/// </summary>
public sealed class StoreWriter : IStoreCommits, IAsyncDisposable
{
    private readonly WriteBehindQueue? _queue;
    private readonly SecretRedactor _secrets;

    private StoreWriter(WriteBehindQueue? queue, SecretRedactor secrets)
    {
        _queue = queue;
        _secrets = secrets;
    }

    /// <summary>Writes on the caller's call.</summary>
    public static StoreWriter Immediate { get; } = new(null, SecretRedactor.None);

    /// <summary>Whether writes are queued (then reads of what was written must commit first).</summary>
    public bool WritesBehind => _queue is not null;

    /// <summary>
    /// A writer that writes behind its callers until disposed; every JSON file it writes passes through
    /// <paramref name="secrets"/> first (a run's known secrets: no form of them reaches the disk).
    /// </summary>
    public static StoreWriter StartWriteBehind(SecretRedactor? secrets = null) => new(new WriteBehindQueue(), secrets ?? SecretRedactor.None);

    /// <summary>
    /// Serialised JSON with every known secret form replaced (the same memory when there is none): for callers that
    /// must know the bytes written, e.g. to record their size, before handing them to <see cref="WriteAsync"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> json) => _secrets.RedactUtf8(json);

    /// <summary>The secrets this writer redacts, for a store that must redact a record by its type (a checkpoint).</summary>
    internal SecretRedactor Secrets => _secrets;

    /// <summary>Whether <see cref="Redact"/> can change anything (some secret is known).</summary>
    public bool Redacts => !_secrets.IsEmpty;

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> (kept, not copied, until written: do not reuse
    /// the buffer), its write time set to <paramref name="lastWriteUtc"/> when given.
    /// </summary>
    /// <exception cref="StoreWriteException">This write failed, or (writing behind) an earlier one did.</exception>
    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, DateTime? lastWriteUtc, CancellationToken cancellationToken)
    {
        if (_queue is null)
        {
            try
            {
                await AtomicFile.WriteAsync(path, content, lastWriteUtc, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreWriteException(e);
            }

            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        await _queue.WriteAsync(path, () => content, lastWriteUtc).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="value"/> as JSON as <see cref="WriteAsync"/> does; writing behind, it is serialised on the
    /// writer's task (domain values are immutable, so what is written is what was passed).
    /// </summary>
    public async Task WriteJsonAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (_queue is null)
        {
            await WriteAsync(path, Redact(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), lastWriteUtc: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        await _queue.WriteAsync(path, () => Redact(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), lastWriteUtc: null).ConfigureAwait(false);
    }

    /// <summary>Whether a write of <paramref name="path"/> is queued but not yet in place (it will exist).</summary>
    public bool IsPending(string path) => _queue?.IsPending(path) ?? false;

    /// <inheritdoc />
    public ValueTask AfterCommitAsync(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _queue is null ? action() : _queue.AfterCommitAsync(action);
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        _queue is null ? Task.CompletedTask : _queue.CommitAsync(cancellationToken);

    /// <summary>Commits what is queued (failures were or are reported to callers) and stops writing behind.</summary>
    public ValueTask DisposeAsync() => _queue?.DisposeAsync() ?? ValueTask.CompletedTask;
}
