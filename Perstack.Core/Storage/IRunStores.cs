namespace Perstack.Core.Storage;

/// <summary>
/// The stores one run writes through. Open one per run (<see cref="IRunStoresFactory"/>); disposing it commits what
/// is still queued.
/// </summary>
public interface IRunStores : IAsyncDisposable
{
    /// <summary>job.json.</summary>
    IJobStore Jobs { get; }

    /// <summary>Checkpoints and their index.</summary>
    ICheckpointStore Checkpoints { get; }

    /// <summary>Run events.</summary>
    IEventStore Events { get; }

    /// <summary>run-setting.json.</summary>
    IRunSettingStore RunSettings { get; }

    /// <summary>When the writes above reach the storage.</summary>
    IStoreCommits Commits { get; }
}
