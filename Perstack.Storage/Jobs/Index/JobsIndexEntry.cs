using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>A job as read from its <c>job.json</c>, and the stamp that file had just before it was read.</summary>
/// <param name="Stamp">The stamp of <c>job.json</c>; while the file still has it, <paramref name="Job"/> is its content.</param>
/// <param name="Job">The job.</param>
internal sealed record JobsIndexEntry(FileStamp Stamp, Job Job);
