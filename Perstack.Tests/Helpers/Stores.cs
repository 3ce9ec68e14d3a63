using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;

namespace Perstack.Tests.Helpers;

/// <summary>The file stores over one root, wired as the app wires them.</summary>
internal sealed class Stores
{
    public Stores(string root)
    {
        Layout = new StorageLayout(new StorageOptions(root));
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
