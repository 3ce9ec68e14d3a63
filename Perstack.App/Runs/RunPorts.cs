using Perstack.Core.Providers;
using Perstack.Core.Storage;

namespace Perstack.App.Runs;

/// <summary>The stores and factories a run needs, and the store's root folder (hidden from the base skill's tools).</summary>
internal sealed record RunPorts(
    IJobStore Jobs,
    ICheckpointStore Checkpoints,
    IRunSettingStore RunSettings,
    IEventStore Events,
    IJobLocks Locks,
    IChatClientFactory ChatClients,
    string StorageRoot);
