namespace Perstack.Core.Storage.Locations;

/// <summary>A history in a folder on this machine (or a mounted share).</summary>
/// <param name="Path">The folder, absolute.</param>
public sealed record FolderLocation(string Path) : StorageLocation
{
    /// <inheritdoc />
    public override string Display => Path;
}
