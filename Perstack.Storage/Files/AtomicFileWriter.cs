using Perstack.Core.Storage;

namespace Perstack.Storage.Files;

/// <summary><see cref="IAtomicFileWriter"/> by <see cref="AtomicFile"/>: temp file, flush, rename.</summary>
public sealed class AtomicFileWriter : IAtomicFileWriter
{
    /// <inheritdoc />
    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, content, cancellationToken);
}
