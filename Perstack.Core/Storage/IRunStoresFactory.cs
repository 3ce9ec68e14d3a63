using Perstack.Core.Secrets;

namespace Perstack.Core.Storage;

/// <summary>Opens the stores of one run; a second storage backend is one more implementation of this port.</summary>
public interface IRunStoresFactory
{
    /// <summary>Opens the stores; every value they write passes through <paramref name="secrets"/>.</summary>
    IRunStores Open(SecretRedactor secrets);
}
