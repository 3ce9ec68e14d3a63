using Perstack.Core.Storage;

namespace Perstack.Storage.Checkpoints;

/// <summary>What <see cref="CheckpointCatalog.LoadAsync"/> found.</summary>
/// <param name="Entries">The readable checkpoint headers, in no order.</param>
/// <param name="Stamps">Per checkpoint id, its file's <see cref="CheckpointIndex.Stamp(FileInfo)"/>.</param>
/// <param name="Problems">Files that could not be read.</param>
internal sealed record CheckpointCatalogEntries(List<CheckpointSummary> Entries, Dictionary<string, string> Stamps, List<StoreProblem> Problems);
