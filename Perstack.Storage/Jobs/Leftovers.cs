using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs;

/// <summary>
/// What killed writers leave in <c>jobs/</c>: staging folders of new jobs (<c>.creating-*</c>: a run starting a job,
/// <c>jobs import</c>, <c>jobs fork</c>) and jobs half deleted (<c>.deleting-*</c>). Each holds its owner's lock file
/// while the owner lives; the OS frees the lock when the owner dies, so a leftover whose lock can be taken has no
/// owner and is removed (as its owner would have: everything but the lock file, then the lock file while held, then
/// the folder). Commands that write to the store sweep once (<see cref="FileJobLocks"/>); commands that only read
/// never touch the tree.
/// </summary>
/// <remarks>
/// Liveness is the lock, not a recorded process id: a process id is reused, and a store shared between containers or
/// machines sees another's ids, while the lock is released exactly when its holder is gone. A folder without a lock
/// file is one whose owner was killed between making the folder and creating the lock in it (only empty folders: an
/// owner's first act is the lock, its last the folder) or one left by a Perstack.NET before locks were kept there; the
/// former is removed at once, the latter once untouched for <see cref="UnlockedAge"/>.
/// </remarks>
internal static class Leftovers
{
    /// <summary>Where Perstack.NET versions before the user cache kept the jobs index (in the history): removed by writes.</summary>
    public const string LegacyJobsIndexFileName = "jobs-index.bin";

    /// <summary>Where they kept a job's checkpoint index: removed when the job's lock is taken.</summary>
    public const string LegacyCheckpointIndexFileName = "checkpoint-index.json";

    /// <summary>How long a leftover without a lock file must lie untouched before it is removed.</summary>
    public static readonly TimeSpan UnlockedAge = TimeSpan.FromMinutes(10);

    /// <summary>Removes the leftovers of <paramref name="layout"/> whose owners are gone; returns how many.</summary>
    public static int Sweep(StorageLayout layout)
    {
        int removed = 0;
        try
        {
            // The jobs index of Perstack.NET versions that kept it in the history (it lives in the user's cache now).
            AtomicFile.TryDelete(Path.Combine(layout.Root, LegacyJobsIndexFileName));
            if (!Directory.Exists(layout.JobsDirectory))
            {
                return 0;
            }

            foreach (var folder in Directory.EnumerateDirectories(layout.JobsDirectory, ".*"))
            {
                var name = Path.GetFileName(folder);
                var lockPath = name.StartsWith(JobStaging.DeletingPrefix, StringComparison.Ordinal)
                    ? Path.Combine(folder, StorageLayout.LockFileName)
                    : JobStaging.TryParseCreating(name, out var jobId)
                        ? new StorageLayout(new StorageOptions(folder)).LockFile(jobId)
                        : null;
                if (lockPath is not null && TryRemove(folder, lockPath))
                {
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only: a store we cannot clean is still usable.
        }

        return removed;
    }

    /// <summary>Deletes <paramref name="directory"/> and everything in it, if it exists; false when it (or part of it) stays.</summary>
    public static bool TryDeleteTree(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes <paramref name="directory"/>, held by <paramref name="held"/>, as an owner does: everything but the lock
    /// file, then the lock file (while held, by disposing it), then the folder.
    /// </summary>
    public static void Remove(string directory, LockFile held)
    {
        using (held)
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.FullName == held.Path)
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    RemoveTreeKeeping(sub, held.Path);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        RemoveEmptyFolders(directory);
    }

    private static bool TryRemove(string folder, string lockPath)
    {
        try
        {
            if (File.Exists(lockPath))
            {
                var held = LockFile.TryTake(lockPath);
                if (held is null)
                {
                    return false; // its owner is alive
                }

                Remove(folder, held);
                return true;
            }

            bool hasFiles = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();
            bool old = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > UnlockedAge;
            return (!hasFiles || old) && TryDeleteTree(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile (its owner finished), or not ours to remove
        }
    }

    /// <summary>Deletes the files under <paramref name="directory"/> except <paramref name="keep"/>, then its empty folders.</summary>
    private static void RemoveTreeKeeping(DirectoryInfo directory, string keep)
    {
        foreach (var file in directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.FullName != keep)
            {
                file.Delete();
            }
        }
    }

    private static void RemoveEmptyFolders(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            RemoveEmptyFolders(sub);
        }

        Directory.Delete(directory);
    }
}
