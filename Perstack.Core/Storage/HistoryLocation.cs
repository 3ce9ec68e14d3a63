namespace Perstack.Core.Storage;

/// <summary>
/// Where the history lives, for the few users that name it rather than read it through the stores: the
/// <c>storagePath</c> of <c>log --json</c>, the folders the base skill hides, the TUI's watcher of the jobs folder.
/// </summary>
/// <param name="Root">The history's root folder (<c>./perstack</c> by default), or <c>s3://bucket/prefix</c>.</param>
/// <param name="JobsDirectory">The folder holding one folder per job; null when the history is not a folder (S3).</param>
public sealed record HistoryLocation(string Root, string? JobsDirectory)
{
    /// <summary>Whether the history is a folder on this machine.</summary>
    public bool IsFolder => JobsDirectory is not null;
}
