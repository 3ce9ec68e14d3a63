using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;

namespace Perstack.TestKit.Files;

/// <summary>The file stores over one root, wired as the app wires them.</summary>
internal sealed class Stores
{
    /// <summary>Stores over <paramref name="root"/>, with their caches under <paramref name="cacheHome"/> (null: no caches).</summary>
    public Stores(string root, string? cacheHome = null)
    {
        Layout = new StorageLayout(new StorageOptions(root) { CacheHome = cacheHome });
        Locks = new FileJobLocks(Layout);
        Jobs = new FileJobStore(Layout, Locks);
        Checkpoints = new FileCheckpointStore(Layout);
        Events = new FileEventStore(Layout);
        RunSettings = new FileRunSettingStore(Layout);
    }

    public StorageLayout Layout { get; }

    public FileJobLocks Locks { get; }

    public FileJobStore Jobs { get; }

    public FileCheckpointStore Checkpoints { get; }

    public FileEventStore Events { get; }

    public FileRunSettingStore RunSettings { get; }
}
