using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary>Opens a <see cref="S3RunStores"/> over the bucket for each run.</summary>
public sealed class S3RunStoresFactory(S3History history, Leases.S3JobLeases locks) : IRunStoresFactory
{
    /// <inheritdoc />
    public IRunStores Open(SecretRedactor secrets) => new S3RunStores(history, locks, secrets);
}
