using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.TestKit.Files;

/// <summary>
/// Hands every run the same given stores (their owner disposes them, not the run), so a test can wrap, watch or
/// inspect them; <c>commits</c> defaults to stores that write immediately.
/// </summary>
internal sealed class FixedRunStoresFactory(
    IJobStore jobs, ICheckpointStore checkpoints, IEventStore events, IRunSettingStore runSettings, IStoreCommits? commits = null) : IRunStoresFactory
{
    /// <summary>The test kit's file stores, writing immediately.</summary>
    public FixedRunStoresFactory(Stores stores)
        : this(stores.Jobs, stores.Checkpoints, stores.Events, stores.RunSettings)
    {
    }

    /// <inheritdoc />
    public IRunStores Open(SecretRedactor secrets) => new Given(jobs, checkpoints, events, runSettings, commits ?? ImmediateStoreCommits.Instance);

    private sealed record Given(IJobStore Jobs, ICheckpointStore Checkpoints, IEventStore Events, IRunSettingStore RunSettings, IStoreCommits Commits) : IRunStores
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
