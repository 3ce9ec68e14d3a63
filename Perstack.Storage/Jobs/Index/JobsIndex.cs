using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// What <c>jobs-index.bin</c> holds: a record of every job whose <c>job.json</c> was settled when last read, and
/// which folders <c>jobs/</c> held when it last had <paramref name="FolderStamp"/>. While <c>jobs/</c> still has
/// that stamp no folder was added, removed or renamed in it, so a listing takes the folder names from here instead
/// of reading the folder (each <c>job.json</c> is still stamped: its own writes do not touch <c>jobs/</c>).
/// </summary>
/// <param name="FolderStamp">The stamp of <c>jobs/</c> taken before the folder was read; default when unknown or not yet settled.</param>
/// <param name="Entries">One per job, the latest activity first (<see cref="Perstack.Core.Jobs.JobOrder.LatestActivityFirst"/>, the Job History's order), so the workbench can draw its first rows from the first records alone (<see cref="CachedJobList"/>).</param>
/// <param name="OtherFolders">
/// The other folders <c>jobs/</c> held (ordinal order): names that are not job ids, jobs whose <c>job.json</c> is
/// missing or unreadable, or too recent to keep. A listing checks them again every time.
/// </param>
internal sealed record JobsIndex(FileStamp FolderStamp, IReadOnlyList<JobsIndexEntry> Entries, IReadOnlyList<string> OtherFolders)
{
    /// <summary>No index: every folder is read and every job.json parsed.</summary>
    public static JobsIndex Empty { get; } = new(default, [], []);
}
