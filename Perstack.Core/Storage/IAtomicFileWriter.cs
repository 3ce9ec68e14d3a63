namespace Perstack.Core.Storage;

/// <summary>Writes a file so that a reader sees the old content or the new, never a mix (e.g. <c>jobs export --output</c>).</summary>
public interface IAtomicFileWriter
{
    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
