using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;

namespace Perstack.Storage;

/// <summary>
/// The stores one run writes through: all four share one write-behind <see cref="StoreWriter"/>, so the run never
/// waits for the disk and its files still land in the order it wrote them. Open one per run; disposing it commits
/// what is still queued.
/// </summary>
public sealed class WriteBehindStores : IRunStores
{
    private readonly StoreWriter _writer;
    private readonly FileCheckpointStore _checkpoints;

    /// <summary>Opens the stores over <paramref name="layout"/>; every file they write passes through <paramref name="secrets"/>.</summary>
    public WriteBehindStores(StorageLayout layout, IJobLocks locks, SecretRedactor? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(locks);
        _writer = StoreWriter.StartWriteBehind(secrets);
        _checkpoints = new FileCheckpointStore(layout, _writer);
        Jobs = new FileJobStore(layout, locks, _writer);
        Events = new FileEventStore(layout, _writer);
        RunSettings = new FileRunSettingStore(layout, _writer);
    }

    /// <summary>job.json.</summary>
    public IJobStore Jobs { get; }

    /// <summary>Checkpoints and their index.</summary>
    public ICheckpointStore Checkpoints => _checkpoints;

    /// <summary>Run events.</summary>
    public IEventStore Events { get; }

    /// <summary>run-setting.json.</summary>
    public IRunSettingStore RunSettings { get; }

    /// <summary>When the writes above reach the disk.</summary>
    public IStoreCommits Commits => _writer;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _checkpoints.FlushCacheAsync().ConfigureAwait(false);
        _checkpoints.Dispose();
    }
}
