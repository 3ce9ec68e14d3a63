using System.IO.Enumeration;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// Lists jobs through the jobs index: one readdir of <c>jobs/</c>, one stamp (<c>statx</c>) of each
/// <c>job.json</c>, and the index's record wherever the file still has the stamp the record was taken with;
/// only new or changed files are parsed. Every writer's change is seen, whatever wrote it: the TypeScript
/// runtime rewrites <c>job.json</c> in place (new times, usually a new size), ours renames a new file over it (new
/// inode), and folders added or removed show in the readdir. Records whose stamp is too recent to vouch for the
/// content (<see cref="FileStamp.IsSettled"/>) are not kept, so those files are parsed again next time.
/// </summary>
internal static class IndexedJobListing
{
    /// <summary>The jobs (unsorted) and problems; rewrites the index when it no longer matches.</summary>
    public static async Task<StoreListing<Job>> ReadAsync(StorageLayout layout, TimeProvider time, CancellationToken cancellationToken)
    {
        var jobs = new List<Job>();
        var problems = new List<StoreProblem>();
        if (!Directory.Exists(layout.JobsDirectory))
        {
            return new StoreListing<Job>(jobs, problems);
        }

        var known = JobsIndexFile.Read(layout.JobsIndexFile);
        var kept = new List<JobsIndexEntry>(known.Count);
        bool changed = false;
        long now = FileStamp.ToNs(time.GetUtcNow());
        using var folder = FileStamps.OpenFolder(layout.JobsDirectory);
        foreach (var name in FolderNames(layout.JobsDirectory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (name.StartsWith('.'))
            {
                continue; // our own bookkeeping (a job being created or deleted)
            }

            if (!JobId.TryParse(name, out var jobId))
            {
                problems.Add(new StoreProblem(Path.Combine(layout.JobsDirectory, name), "the folder name is not a valid job id"));
                continue;
            }

            // The stamp is taken before the file is read: a write in between leaves a stamp older than the content,
            // which only costs a needless parse next time, never a stale listing.
            var stamp = FileStamps.ReadIn(folder, layout.JobsDirectory, name, StorageLayout.JobFileName);
            if (stamp is { } current && known.TryGetValue(name, out var entry) && entry.Stamp == current)
            {
                jobs.Add(entry.Job);
                kept.Add(entry);
                continue;
            }

            var file = layout.JobFile(jobId);
            var (job, problem) = JsonFile.Read(file, PerstackJson.JobIndented);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (job is null)
            {
                problems.Add(new StoreProblem(file, "job.json is missing"));
            }
            else if (job.Id != jobId)
            {
                problems.Add(new StoreProblem(file, $"it belongs to job {job.Id}, not {jobId}"));
            }
            else
            {
                jobs.Add(job);
                if (stamp is { } taken && taken.IsSettled(now))
                {
                    kept.Add(new JobsIndexEntry(taken, job));
                    changed = true;
                }
            }
        }

        // Nothing added means kept is a subset of known: the same index exactly when the counts match.
        if (changed || kept.Count != known.Count)
        {
            await TryWriteAsync(layout.JobsIndexFile, kept, cancellationToken).ConfigureAwait(false);
        }

        return new StoreListing<Job>(jobs, problems);
    }

    private static FileSystemEnumerable<string> FolderNames(string directory) =>
        new(directory, (ref FileSystemEntry entry) => entry.FileName.ToString(), new EnumerationOptions { AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory,
        };

    private static async Task TryWriteAsync(string path, List<JobsIndexEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await JobsIndexFile.WriteAsync(path, entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cache (a read-only history, a full disk): the listing itself is complete without it.
        }
    }
}
