using Perstack.Core.Search;

namespace Perstack.Storage.Search;

/// <summary>
/// A job's searchable text and the stamp of its <c>checkpoints/</c> folder when it was read: while the folder keeps
/// that stamp no checkpoint was written, renamed or removed in it (the stores write by atomic rename), so the text is current.
/// </summary>
/// <param name="Stamp">The folder's mtime (ns since the Unix epoch); <see cref="FolderStamp.Missing"/> when the job has no checkpoints folder.</param>
/// <param name="Document">The text.</param>
internal sealed record SearchIndexEntry(long Stamp, SearchDocument Document);
