using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// Lists jobs through the jobs index: one stamp (<c>statx</c>) of each <c>job.json</c>, and the index's record
/// wherever the file still has the stamp the record was taken with; only new or changed files are parsed. Every
/// writer's change is seen, whatever wrote it: the TypeScript runtime rewrites <c>job.json</c> in place (new times,
/// usually a new size), ours renames a new file over it (new inode), and folders added, removed or renamed change
/// the stamp of <c>jobs/</c>, which sends the listing to read the folder instead of taking the folder names from the
/// index. Stamps too recent to vouch for the content (<see cref="FileStamp.IsSettled"/>) are not kept, so those
/// files are parsed, and that folder read, again next time.
/// </summary>
/// <remarks>
/// The stamps are taken on several threads while the calling thread decodes the index's records
/// (<see cref="JobFileStamper"/>); everything that decides the listing happens after, in folder order, so the
/// listing does not depend on how many threads there were.
/// </remarks>
internal static class IndexedJobListing
{
    /// <summary>The jobs (newest start first) and problems (by path); rewrites the index when it no longer matches.</summary>
    /// <param name="layout">Where the jobs are.</param>
    /// <param name="deriver">Derives the jobs that have no <c>job.json</c> from their checkpoints.</param>
    /// <param name="time">The clock that decides which stamps are settled.</param>
    /// <param name="threads">How many threads may take stamps at once (the listing is the same for any number).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public static async Task<StoreListing<Job>> ReadAsync(StorageLayout layout, JobDeriver deriver, TimeProvider time, int threads, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(layout.JobsDirectory))
        {
            return new StoreListing<Job>([], []);
        }

        long now = FileStamp.ToNs(time.GetUtcNow());
        using var folder = FileStamps.OpenFolder(layout.JobsDirectory);

        // Taken before the folder is read, as each file's stamp is taken before the file is read: a change in
        // between leaves a stamp older than the content, which only costs a needless readdir next time.
        var folderStamp = FileStamps.ReadFolder(folder);
        using var index = layout.Cache.JobsIndexFile is { } indexFile ? LoadedJobsIndex.Load(indexFile) : LoadedJobsIndex.Empty;
        var pass = new Pass(layout, deriver, folder, folderStamp, now, threads, cancellationToken);
        return await pass.ListAsync(index).ConfigureAwait(false)
            ?? await pass.ListAsync(LoadedJobsIndex.Empty).ConfigureAwait(false) // its records were unreadable: ignore it all
            ?? throw new InvalidOperationException("a listing without an index has no records to fail");
    }

    private static bool IsInIndexOrder(List<Job> jobs)
    {
        for (int i = 1; i < jobs.Count; i++)
        {
            if (JobOrder.LatestActivityFirst(jobs[i - 1], jobs[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Pass(StorageLayout Layout, JobDeriver Deriver, SafeFileHandle? Folder, FileStamp? FolderStamp, long Now, int Threads, CancellationToken CancellationToken)
    {
        /// <summary>The listing with <paramref name="index"/>; null when its records turn out unreadable.</summary>
        public async Task<StoreListing<Job>?> ListAsync(LoadedJobsIndex index)
        {
            bool sameFolders = FolderStamp is { } current && index.FolderStamp != default && current == index.FolderStamp;
            var folders = sameFolders ? JobFolders.FromIndex(index) : JobFolders.Read(Layout.JobsDirectory, index, CancellationToken);
            var stamps = ArrayPool<FileStamp?>.Shared.Rent(folders.Ids.Count);
            try
            {
                var stamper = JobFileStamper.Start(Folder, Layout.JobsDirectory, folders.Ids, stamps, Threads, CancellationToken);
                JobsIndexEntry[]? entries;
                try
                {
                    entries = index.TryDecodeEntries(); // while the stamps are taken
                }
                finally
                {
                    await stamper.FinishAsync().ConfigureAwait(false);
                }

                return entries is null ? null : await CheckAsync(index, entries, folders, stamps).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<FileStamp?>.Shared.Return(stamps);
            }
        }

        private async Task<StoreListing<Job>> CheckAsync(LoadedJobsIndex index, JobsIndexEntry[] entries, JobFolders folders, FileStamp?[] stamps)
        {
            var problems = new List<StoreProblem>();
            var others = new List<string>(folders.InvalidNames);
            foreach (var name in folders.InvalidNames)
            {
                problems.Add(new StoreProblem(Path.Combine(Layout.JobsDirectory, name), "the folder name is not a valid job id"));
            }

            var kept = new bool[index.Count];
            int keptCount = 0;
            var parsed = new List<Job>();
            var added = new List<JobsIndexEntry>();
            for (int i = 0; i < folders.Ids.Count; i++)
            {
                int slot = folders.Slots[i];
                var jobId = folders.Ids[i];

                // A derived job (no job.json) is kept while its checkpoints folder has the stamp it was derived with.
                var key = stamps[i] ?? CheckpointsStamp(jobId);
                if (slot >= 0 && key is { } current && entries[slot].Stamp == current && entries[slot].Job.IsDerived == stamps[i] is null)
                {
                    kept[slot] = true;
                    keptCount++;
                    continue;
                }

                var (job, problem) = await ReadOrDeriveAsync(jobId).ConfigureAwait(false);
                if (job is null)
                {
                    problems.Add(problem!);
                    others.Add(jobId.Value); // reported again next time
                    continue;
                }

                parsed.Add(job);
                if (key is { } taken && taken.IsSettled(Now))
                {
                    added.Add(new JobsIndexEntry(taken, job));
                }
                else
                {
                    others.Add(jobId.Value); // parsed again next time
                }
            }

            var jobs = new List<Job>(keptCount + parsed.Count);
            for (int slot = 0; slot < index.Count; slot++)
            {
                if (kept[slot])
                {
                    jobs.Add(entries[slot].Job);
                }
            }

            // The index is kept in the History's order (latest activity first), so the workbench can draw its first rows
            // from the index's first records alone; the listing's own order is by start.
            bool keptInOrder = IsInIndexOrder(jobs);
            jobs.AddRange(parsed);
            jobs.Sort(JobOrder.NewestStartFirst);

            others.Sort(StringComparer.Ordinal);
            var folderStamp = FolderStamp is { } stamp && stamp.IsSettled(Now) ? stamp : default;
            if (added.Count > 0 || keptCount != index.Count || !keptInOrder || folderStamp != index.FolderStamp || !others.SequenceEqual(index.OtherFolders))
            {
                added.AddRange(Enumerable.Range(0, index.Count).Where(slot => kept[slot]).Select(slot => entries[slot]));
                added.Sort((a, b) => JobOrder.LatestActivityFirst(a.Job, b.Job));
                // Only a cache: where it cannot be written (none, read-only, full disk) the listing is complete without it.
                if (Layout.Cache.JobsIndexFile is { } indexFile)
                {
                    await Layout.Cache.TryWriteAsync(indexFile, JobsIndexFile.Encode(new JobsIndex(folderStamp, added, others)), CancellationToken).ConfigureAwait(false);
                }
            }

            // By path, not in folder order, so the listing is the same whichever way the folders were found.
            problems.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path) is var byPath and not 0 ? byPath : string.CompareOrdinal(a.Reason, b.Reason));
            return new StoreListing<Job>(jobs, problems);
        }

        /// <summary>The job in <c>job.json</c>, or derived from its checkpoints where there is none, or why there is none.</summary>
        private async Task<(Job? Job, StoreProblem? Problem)> ReadOrDeriveAsync(JobId jobId)
        {
            var file = Layout.JobFile(jobId);
            var (job, problem) = JsonFile.Read(file, PerstackJson.JobIndented);
            if (problem is null && job is null)
            {
                job = await Deriver.DeriveAsync(jobId, CancellationToken).ConfigureAwait(false);
                return job is null ? (null, new StoreProblem(file, "job.json is missing")) : (job, null);
            }

            return problem is not null ? (null, problem)
                : job!.Id != jobId ? (null, new StoreProblem(file, $"it belongs to job {job.Id}, not {jobId}"))
                : (job, null);
        }

        /// <summary>The stamp of the job's <c>checkpoints/</c> folder, which changes whenever a checkpoint file is added, removed or renamed.</summary>
        private FileStamp? CheckpointsStamp(JobId jobId) => FileStamps.ReadFolderIn(Folder, Layout.JobsDirectory, jobId.Value, "checkpoints");
    }
}
