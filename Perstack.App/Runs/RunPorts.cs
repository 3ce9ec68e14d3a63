using Perstack.Core.Providers;
using Perstack.Core.Storage;

namespace Perstack.App.Runs;

/// <summary>The stores and factories a run needs.</summary>
internal sealed record RunPorts(
    IJobStore Jobs,
    ICheckpointStore Checkpoints,
    IRunSettingStore RunSettings,
    IEventStore Events,
    IJobLocks Locks,
    IChatClientFactory ChatClients);
