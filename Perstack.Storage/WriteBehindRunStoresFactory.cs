using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage;

/// <summary>Opens a <see cref="WriteBehindStores"/> over the store's files for each run.</summary>
public sealed class WriteBehindRunStoresFactory(StorageLayout layout, IJobLocks locks) : IRunStoresFactory
{
    /// <inheritdoc />
    public IRunStores Open(SecretRedactor secrets) => new WriteBehindStores(layout, locks, secrets);
}
