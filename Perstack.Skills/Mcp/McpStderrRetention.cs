namespace Perstack.Skills.Mcp;

/// <summary>
/// Keeps the MCP stderr folder (<c>&lt;state&gt;/mcp-stderr/&lt;jobId&gt;/…</c>) bounded, as the rotating log file is: when
/// a job writes its first stderr line, the job folders older than <see cref="MaxAge"/> are deleted, then the oldest
/// beyond the newest <see cref="MaxJobs"/>. Age is the folder's last write. A folder that cannot be deleted (in use on
/// Windows, no permission) is left for the next time: pruning never fails a run.
/// </summary>
internal static class McpStderrRetention
{
    /// <summary>How many job folders are kept at most.</summary>
    public const int MaxJobs = 100;

    /// <summary>How long a job folder is kept at most.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>Prunes <paramref name="root"/>, never touching <paramref name="keepJob"/> (the job now writing).</summary>
    public static void Prune(string root, string keepJob, DateTime nowUtc, int maxJobs = MaxJobs, TimeSpan? maxAge = null)
    {
        DirectoryInfo[] jobs;
        try
        {
            jobs = new DirectoryInfo(root).GetDirectories();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var oldest = nowUtc - (maxAge ?? MaxAge);
        var others = jobs.Where(j => !string.Equals(j.Name, keepJob, StringComparison.Ordinal))
            .OrderByDescending(j => j.LastWriteTimeUtc)
            .ToList();
        for (int i = 0; i < others.Count; i++)
        {
            // The job now writing counts as one of the kept.
            if (i >= maxJobs - 1 || others[i].LastWriteTimeUtc < oldest)
            {
                Delete(others[i]);
            }
        }
    }

    private static void Delete(DirectoryInfo job)
    {
        try
        {
            // A symbolic link is removed itself, never followed.
            if (job.LinkTarget is not null)
            {
                job.Delete();
                return;
            }

            job.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next prune.
        }
    }
}
