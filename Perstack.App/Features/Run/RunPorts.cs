using Perstack.Core.Providers;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.App.Features.Run;

/// <summary>
/// What a run needs from the app: the stores to find the checkpoint to continue, the job locks, the chat clients, and
/// the store's layout (each run writes through its own <see cref="Perstack.Storage.WriteBehindStores"/> over it; its
/// root is hidden from the base skill's tools).
/// </summary>
internal sealed record RunPorts(
    IJobStore Jobs,
    ICheckpointStore Checkpoints,
    IJobLocks Locks,
    IJobFiles JobFiles,
    IChatClientFactory ChatClients,
    StorageLayout Layout)
{
    /// <summary>The store's root folder.</summary>
    public string StorageRoot => Layout.Root;
}
