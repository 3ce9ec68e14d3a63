using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>A job as read from its <c>job.json</c>, and the stamp that file had just before it was read.</summary>
/// <remarks>A struct: a listing decodes one per job, into a pooled array, and that should not be 10,000 more objects.</remarks>
/// <param name="Stamp">The stamp of <c>job.json</c>; while the file still has it, <paramref name="Job"/> is its content.</param>
/// <param name="Job">The job.</param>
internal readonly record struct JobsIndexEntry(FileStamp Stamp, Job Job);
