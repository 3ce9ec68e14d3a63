using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;

namespace Perstack.Storage.Jobs;

/// <summary>
/// A job is its checkpoints: where <c>job.json</c> is missing (today's TypeScript Perstack writes none; or a write never
/// happened), the job is derived from them, in memory only (<see cref="Job.IsDerived"/>); nothing is written back.
/// </summary>
/// <remarks>
/// What the reference's <c>perstack log</c> does (ts-main-format.md §5.4), corrected where it is wrong: the expert is the
/// coordinator's (the first checkpoint no one delegated), not whichever file comes first; the status follows the latest
/// checkpoint's stop (the reference calls everything but <c>completed</c> "running", and a delegate's completion the
/// job's); the times come from the event file names (the reference takes the folder's mtime and "now"), which survive
/// a copy or a clone, with the checkpoint files' write times where there are no events.
/// </remarks>
internal sealed class JobDeriver
{
    private readonly StorageLayout _layout;
    private readonly CheckpointCatalog _catalog;

    /// <summary>Creates the deriver.</summary>
    public JobDeriver(StorageLayout layout)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _catalog = new CheckpointCatalog(layout);
    }

    /// <summary>The job derived from its checkpoints; null when it has no readable checkpoint.</summary>
    public async Task<Job?> DeriveAsync(JobId jobId, CancellationToken cancellationToken)
    {
        var (entries, stamps, _) = await _catalog.LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return null;
        }

        var checkpoints = entries.Select(e => new WrittenCheckpoint(e, CheckpointIndex.WrittenAtMs(stamps[e.Id.Value]))).ToList();
        return Derive(jobId, checkpoints, EventTimes(jobId));
    }

    /// <summary>The job <paramref name="checkpoints"/> (at least one) make, with the first and last event times if any.</summary>
    internal static Job Derive(JobId jobId, IReadOnlyList<WrittenCheckpoint> checkpoints, (long First, long Last)? events)
    {
        var ordered = checkpoints.OrderBy(c => c.Summary.StepNumber).ThenBy(c => c.Summary.Sequence ?? 0)
            .ThenBy(c => c.WrittenAtMs).ThenBy(c => c.Summary.Id).ToList();
        var latest = ordered[^1].Summary;
        var first = ordered.FirstOrDefault(c => c.Summary.DelegatedBy is null)?.Summary;
        var coordinator = first?.Expert.Key ?? ordered[0].Summary.DelegatedBy?.Expert.Key ?? ordered[0].Summary.Expert.Key;
        // A delegate's completion is not the job's. Stopped mid-way (init, proceeding, waiting for a delegate, a
        // delegate done but its parent never resumed), or still running in another process: shown as interrupted
        // unless a Perstack.NET run holds the job.
        var status = (latest.Status is CheckpointStatus.Completed && latest.DelegatedBy is not null ? null : JobStatusRules.AfterStop(latest.Status))
            ?? JobStatus.Running;
        long started = Math.Min(events?.First ?? long.MaxValue, checkpoints.Min(c => c.WrittenAtMs));
        long last = events?.Last ?? checkpoints.Max(c => c.WrittenAtMs);
        return new Job
        {
            Id = jobId,
            Status = status,
            CoordinatorExpertKey = coordinator,
            TotalSteps = ordered.Max(c => c.Summary.StepNumber),
            Usage = latest.Usage,
            StartedAt = started,
            FinishedAt = status is JobStatus.Completed or JobStatus.StoppedByMaxSteps or JobStatus.StoppedByError ? Math.Max(last, started) : null,
            UpdatedAt = Math.Max(last, started),
            IsDerived = true,
        };
    }

    /// <summary>The first and last timestamps in the job's event file names; null when it has none.</summary>
    private (long First, long Last)? EventTimes(JobId jobId)
    {
        long first = long.MaxValue, last = long.MinValue;
        try
        {
            var runs = _layout.RunsDirectory(jobId);
            if (!Directory.Exists(runs))
            {
                return null;
            }

            foreach (var run in Directory.EnumerateDirectories(runs))
            {
                foreach (var file in Directory.EnumerateFiles(run, "event-*.json"))
                {
                    if (EventFileName.TryParse(Path.GetFileName(file), out long timestamp, out _, out _))
                    {
                        first = Math.Min(first, timestamp);
                        last = Math.Max(last, timestamp);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable run folders: the checkpoints' times stand in.
        }

        return first == long.MaxValue ? null : (first, last);
    }
}
