using Perstack.Core.Domain;
using Perstack.Core.Jobs;

using Perstack.Storage.Jobs.Index;

namespace Perstack.Storage.S3.Index;

/// <summary>
/// What the bucket's jobs index (<see cref="BucketJobsIndexCodec"/>) holds: every job of the history as a listing shows
/// it, each with the entity tag its <c>job.json</c> had when the job was recorded (empty for a job derived from its
/// checkpoints), and the keys the listing reported and ignored. Immutable: a writer makes a new one with
/// <see cref="With"/> or <see cref="Without"/> and puts it back with a conditional write.
/// </summary>
/// <param name="WrittenAtMs">When it was written (the writer's clock, ms): shown to people, never used to judge freshness.</param>
/// <param name="Entries">One per job, by id.</param>
/// <param name="Problems">Keys under <c>jobs/</c> a full listing could not read, and why (relative to the history's prefix).</param>
internal sealed record BucketJobsIndex(long WrittenAtMs, IReadOnlyDictionary<JobId, BucketJobsIndexEntry> Entries, IReadOnlyList<(string Key, string Reason)> Problems)
{
    /// <summary>No job.</summary>
    public static BucketJobsIndex Empty { get; } = new(0, new Dictionary<JobId, BucketJobsIndexEntry>(), []);

    /// <summary>The jobs, newest <c>startedAt</c> first (ties by id): the order of every listing.</summary>
    public List<Job> Jobs() => JobsIn(JobOrder.NewestStartFirst);

    /// <summary>The jobs in <paramref name="order"/> (one of <see cref="JobOrder"/>'s).</summary>
    public List<Job> JobsIn(Comparison<Job> order)
    {
        var jobs = Entries.Values.Select(e => e.Job).ToList();
        jobs.Sort(order);
        return jobs;
    }

    /// <summary>This index with <paramref name="job"/> as its <c>job.json</c> (entity tag <paramref name="etag"/>) now holds it.</summary>
    public BucketJobsIndex With(Job job, string etag, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(job);
        var entries = new Dictionary<JobId, BucketJobsIndexEntry>(Entries) { [job.Id] = new BucketJobsIndexEntry(etag, job) };
        return new BucketJobsIndex(nowMs, entries, WithoutProblemsOf(job.Id));
    }

    /// <summary>This index without <paramref name="jobId"/> (deleted).</summary>
    public BucketJobsIndex Without(JobId jobId, long nowMs)
    {
        var entries = new Dictionary<JobId, BucketJobsIndexEntry>(Entries);
        entries.Remove(jobId);
        return new BucketJobsIndex(nowMs, entries, WithoutProblemsOf(jobId));
    }

    // A job written or deleted by us is whole again (or gone): what a listing said of its keys before no longer holds.
    private List<(string Key, string Reason)> WithoutProblemsOf(JobId jobId) =>
        [.. Problems.Where(p => !p.Key.StartsWith(S3Keys.Job(jobId), StringComparison.Ordinal))];
}

/// <summary>A job of the bucket's index.</summary>
/// <param name="ETag">The entity tag of its <c>job.json</c> when recorded; empty for a job derived from its checkpoints.</param>
/// <param name="Job">The job as a listing shows it.</param>
internal sealed record BucketJobsIndexEntry(string ETag, Job Job);
