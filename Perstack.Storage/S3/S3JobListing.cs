using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Events;
using Perstack.Storage.Jobs;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Storage.S3;

/// <summary>
/// Lists the jobs of a bucket: one ListObjectsV2 walk of <c>jobs/</c> (1,000 keys a page) gives every job's
/// <c>job.json</c> with its ETag; the jobs cache (<see cref="S3JobsCache"/>) holds the bytes of each <c>job.json</c> it
/// has seen under its ETag, and so does the bucket's jobs index when there is one (<see cref="Index.BucketJobsIndex"/>),
/// so only new or changed ones are downloaded, in parallel. Keys that are not a job's
/// (a folder name that is not a job id, <c>../</c>) are reported and ignored: they never name anything we read.
/// </summary>
internal static class S3JobListing
{
    private const int ParallelGets = 32;

    /// <summary>The jobs, and the ETag of each one's <c>job.json</c> (none for a derived job).</summary>
    /// <param name="history">The bucket.</param>
    /// <param name="known">The bucket's index as read before the listing, if any: a job whose ETag it records is not downloaded.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public static async Task<(StoreListing<Job> Listing, Dictionary<JobId, string> ETags)> ReadAsync(
        S3History history, Index.BucketJobsIndex? known, CancellationToken cancellationToken)
    {
        var listed = await history.Bucket.ListAsync(S3Keys.Jobs, cancellationToken).ConfigureAwait(false);
        var problems = new List<StoreProblem>();
        var folders = new Dictionary<JobId, JobObjects>();
        var badFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in listed)
        {
            var rest = item.Key[S3Keys.Jobs.Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? rest : rest[..slash];
            if (slash < 0 || !JobId.TryParse(name, out var jobId))
            {
                if (badFolders.Add(name))
                {
                    problems.Add(new StoreProblem(history.Show(item.Key), "not a job: the name is not a job id; ignored"));
                }

                continue;
            }

            if (!folders.TryGetValue(jobId, out var objects))
            {
                folders[jobId] = objects = new JobObjects();
            }

            var inJob = rest[(slash + 1)..];
            if (inJob == "job.json")
            {
                objects.JobFile = item;
            }
            else if (inJob.StartsWith("checkpoints/", StringComparison.Ordinal))
            {
                objects.Checkpoints.Add(item);
            }
            else if (inJob.StartsWith("runs/", StringComparison.Ordinal)
                && EventFileName.TryParse(inJob[(inJob.LastIndexOf('/') + 1)..], out long timestamp, out _, out _))
            {
                objects.FirstEvent = Math.Min(objects.FirstEvent, timestamp);
                objects.LastEvent = Math.Max(objects.LastEvent, timestamp);
            }
        }

        var cache = S3JobsCache.Load(history.Cache);
        var jobs = new Job?[folders.Count];
        var jobProblems = new StoreProblem?[folders.Count];
        var entries = folders.ToArray();
        var fresh = new System.Collections.Concurrent.ConcurrentDictionary<JobId, (string ETag, byte[] Content)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Length), new ParallelOptions { MaxDegreeOfParallelism = ParallelGets, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var (jobId, objects) = entries[i];
            if (objects.JobFile is { } file)
            {
                byte[]? content = cache.TryGet(jobId, file.ETag);
                if (content is null && known is not null && known.Entries.TryGetValue(jobId, out var entry) && entry.ETag == file.ETag && file.ETag.Length > 0)
                {
                    jobs[i] = entry.Job;
                    return;
                }

                if (content is null)
                {
                    var got = await history.Bucket.GetAsync(file.Key, token).ConfigureAwait(false);
                    if (got is not { } found)
                    {
                        return; // deleted since the listing
                    }

                    content = found.Content;
                }

                fresh[jobId] = (file.ETag, content);
                var job = PerstackJson.TryDeserialize(content, PerstackJson.JobIndented, out var reason);
                if (job is null)
                {
                    jobProblems[i] = new StoreProblem(history.Show(file.Key), reason ?? "unreadable");
                }
                else if (job.Id != jobId)
                {
                    jobProblems[i] = new StoreProblem(history.Show(file.Key), $"it belongs to job {job.Id}, not {jobId}");
                }
                else
                {
                    jobs[i] = job;
                }

                return;
            }

            if (objects.Checkpoints.Count > 0)
            {
                jobs[i] = await DeriveAsync(history, jobId, objects.Checkpoints, objects.EventTimes, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        problems.AddRange(jobProblems.OfType<StoreProblem>());
        if (cache.Differs(fresh))
        {
            await S3JobsCache.SaveAsync(history.Cache, fresh, cancellationToken).ConfigureAwait(false);
        }

        var etags = new Dictionary<JobId, string>();
        foreach (var (jobId, objects) in entries)
        {
            if (objects.JobFile is { } file)
            {
                etags[jobId] = file.ETag;
            }
        }

        var result = jobs.OfType<Job>().ToList();
        result.Sort(JobOrder.NewestStartFirst);
        return (new StoreListing<Job>(result, problems), etags);
    }

    /// <summary>The job of a folder without <c>job.json</c> (TypeScript Perstack's main writes none), from its checkpoints.</summary>
    public static async Task<Job?> DeriveAsync(S3History history, JobId jobId, IReadOnlyList<S3ObjectInfo>? checkpoints, (long First, long Last)? events, CancellationToken cancellationToken)
    {
        var (headers, _) = await history.CheckpointHeadersAsync(jobId, checkpoints, cancellationToken).ConfigureAwait(false);
        return headers.Count == 0 ? null
            : JobDeriver.Derive(jobId, [.. headers.Select(h => new WrittenCheckpoint(h.Summary, h.WrittenAtMs))], events);
    }

    /// <summary>The first and last event timestamps among <paramref name="keys"/> (a job's), or null.</summary>
    public static (long First, long Last)? EventTimes(IEnumerable<S3ObjectInfo> keys)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var item in keys)
        {
            if (EventFileName.TryParse(item.Key[(item.Key.LastIndexOf('/') + 1)..], out long timestamp, out _, out _))
            {
                first = Math.Min(first, timestamp);
                last = Math.Max(last, timestamp);
            }
        }

        return first == long.MaxValue ? null : (first, last);
    }

    private sealed class JobObjects
    {
        public S3ObjectInfo? JobFile { get; set; }

        public List<S3ObjectInfo> Checkpoints { get; } = [];

        public long FirstEvent { get; set; } = long.MaxValue;

        public long LastEvent { get; set; } = long.MinValue;

        public (long First, long Last)? EventTimes => FirstEvent == long.MaxValue ? null : (FirstEvent, LastEvent);
    }
}
