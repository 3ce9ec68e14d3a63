using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary>
/// The stores one run writes through on a bucket: all four share one write-behind <see cref="S3Writer"/>, so the run
/// never waits for the network and its objects are uploaded in the order it wrote them.
/// </summary>
public sealed class S3RunStores : IRunStores
{
    private readonly S3Writer _writer;
    private readonly S3CheckpointStore _checkpoints;
    private readonly S3EventStore _events;

    /// <summary>
    /// Opens the stores; every object they write passes through <paramref name="secrets"/>, and none is written for a job
    /// whose lease in <paramref name="locks"/> was taken over.
    /// </summary>
    public S3RunStores(S3History history, Leases.S3JobLeases locks, SecretRedactor? secrets)
    {
        ArgumentNullException.ThrowIfNull(history);
        _writer = S3Writer.StartWriteBehind(history.Bucket, secrets, locks);
        Jobs = new S3JobStore(history, locks, _writer);
        _checkpoints = new S3CheckpointStore(history, _writer);
        _events = new S3EventStore(history, _writer);
        RunSettings = new S3RunSettingStore(history, _writer);
    }

    /// <inheritdoc />
    public IJobStore Jobs { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints => _checkpoints;

    /// <inheritdoc />
    public IEventStore Events => _events;

    /// <inheritdoc />
    public IRunSettingStore RunSettings { get; }

    /// <inheritdoc />
    public IStoreCommits Commits => _writer;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _checkpoints.Dispose();
        _events.Dispose();
    }
}
