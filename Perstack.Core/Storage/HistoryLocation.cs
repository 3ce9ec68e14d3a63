namespace Perstack.Core.Storage;

/// <summary>
/// Where the history lives, for the few users that name it rather than read it through the stores: the
/// <c>storagePath</c> of <c>log --json</c>, the folders the base skill hides, the TUI's watcher of the jobs folder.
/// </summary>
/// <param name="Root">The history's root folder (<c>./perstack</c> by default).</param>
/// <param name="JobsDirectory">The folder holding one folder per job.</param>
public sealed record HistoryLocation(string Root, string JobsDirectory);
