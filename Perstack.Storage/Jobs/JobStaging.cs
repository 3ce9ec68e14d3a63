using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs;

/// <summary>
/// New jobs appear all at once: written into a hidden staging folder, <c>jobs/.creating-&lt;jobId&gt;-&lt;guid&gt;/jobs/&lt;jobId&gt;/</c>
/// (dot folders are never listed as jobs), with the job's lock taken there first, then renamed into <c>jobs/&lt;jobId&gt;</c>.
/// The lock moves with the folder, so the creator is the job's one writer from its first byte on, and a killed
/// creator leaves only a staging folder whose lock is free, which <see cref="Leftovers"/> removes.
/// </summary>
internal static class JobStaging
{
    /// <summary>Prefix of a staging folder in <c>jobs/</c>.</summary>
    public const string CreatingPrefix = ".creating-";

    /// <summary>Prefix of a job being deleted in <c>jobs/</c> (renamed out of the listing first).</summary>
    public const string DeletingPrefix = ".deleting-";

    /// <summary>
    /// Creates job <paramref name="jobId"/> with what <paramref name="populate"/> writes into the staging store it is given,
    /// and returns the new job's lock, held.
    /// </summary>
    /// <exception cref="JobExistsException">The job exists, or appeared meanwhile.</exception>
    public static async Task<LockFile> CreateAsync(StorageLayout layout, JobId jobId, Func<StorageLayout, Task> populate)
    {
        var target = layout.JobDirectory(jobId);
        if (FindIgnoringCase(layout, jobId) is { } existing)
        {
            // Ids differing only by case are one folder on case-insensitive file systems: refused on every one, so a
            // history copied between machines never merges two jobs.
            throw new JobExistsException(existing);
        }

        for (int attempt = 1; ; attempt++)
        {
            var root = Path.Combine(layout.JobsDirectory, $"{CreatingPrefix}{jobId}-{Guid.NewGuid():N}");
            var staging = new StorageLayout(new StorageOptions(root));
            try
            {
                Directory.CreateDirectory(staging.JobDirectory(jobId));
                var held = LockFile.TryTake(staging.LockFile(jobId));
                if (held is null)
                {
                    // A leftover sweep is looking at the new folder: another name.
                    if (attempt >= 3)
                    {
                        throw new IOException($"Cannot lock the staging folder of new job {jobId}");
                    }

                    continue;
                }

                try
                {
                    await populate(staging).ConfigureAwait(false);
                    try
                    {
                        Directory.Move(staging.JobDirectory(jobId), target);
                    }
                    catch (IOException) when (Directory.Exists(target))
                    {
                        throw new JobExistsException(jobId);
                    }

                    held.MovedTo(layout.LockFile(jobId));
                    return held;
                }
                catch
                {
                    held.Dispose();
                    throw;
                }
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // A leftover sweep removed the empty staging folder before our lock was in it: another name.
            }
            finally
            {
                Leftovers.TryDeleteTree(root);
            }
        }
    }

    /// <summary>The stored job whose id equals <paramref name="jobId"/> ignoring case (itself first), if any.</summary>
    public static JobId? FindIgnoringCase(StorageLayout layout, JobId jobId)
    {
        if (Directory.Exists(layout.JobDirectory(jobId)))
        {
            return jobId;
        }

        if (!Directory.Exists(layout.JobsDirectory))
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories(layout.JobsDirectory))
        {
            var name = Path.GetFileName(directory);
            if (string.Equals(name, jobId.Value, StringComparison.OrdinalIgnoreCase) && JobId.TryParse(name, out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The job id in a staging folder's name, if it is one.</summary>
    public static bool TryParseCreating(string name, out JobId jobId)
    {
        jobId = default;
        int dash = name.LastIndexOf('-');
        return name.StartsWith(CreatingPrefix, StringComparison.Ordinal) && dash > CreatingPrefix.Length
            && JobId.TryParse(name[CreatingPrefix.Length..dash], out jobId);
    }
}
