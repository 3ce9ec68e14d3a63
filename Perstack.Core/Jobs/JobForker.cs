using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Core.Jobs;

/// <summary>
/// Forks a job: a new job holding the history up to one checkpoint (that checkpoint and its ancestors, with new
/// ids' job and sequence numbers, and their runs' settings), which starts where that checkpoint left off.
/// </summary>
public sealed class JobForker
{
    private readonly IJobStore _jobs;
    private readonly ICheckpointStore _checkpoints;
    private readonly IRunSettingStore _runSettings;
    private readonly IJobFiles _files;
    private readonly TimeProvider _time;

    /// <summary>Creates the forker.</summary>
    public JobForker(IJobStore jobs, ICheckpointStore checkpoints, IRunSettingStore runSettings, IJobFiles files, TimeProvider time)
    {
        _jobs = jobs;
        _checkpoints = checkpoints;
        _runSettings = runSettings;
        _files = files;
        _time = time;
    }

    /// <summary>
    /// Writes the fork of <paramref name="jobId"/> at <paramref name="checkpointId"/> and returns its id;
    /// <paramref name="skipped"/> hears of each run setting that could not be read (the fork is made without it).
    /// </summary>
    /// <exception cref="PerstackException">The job or the checkpoint does not exist.</exception>
    public async Task<JobId> ForkAsync(JobId jobId, CheckpointId checkpointId, Func<StoreProblem, Task> skipped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        var job = await _jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw new PerstackException($"Job {jobId} not found");
        var forkPoint = await _checkpoints.GetAsync(jobId, checkpointId, cancellationToken).ConfigureAwait(false)
            ?? throw new PerstackException($"Checkpoint {checkpointId} not found in job {jobId}");

        var newId = JobId.New();
        var chain = await ChainAsync(forkPoint, cancellationToken).ConfigureAwait(false);

        // Written in chain order, so the fork point is the new job's latest checkpoint (what --continue-job resumes).
        var copies = chain.Select((c, i) => c with { JobId = newId, Sequence = i + 1 }).ToList();
        var settings = new List<RunSetting>();
        foreach (var runId in chain.Select(c => c.RunId).Distinct())
        {
            try
            {
                if (await _runSettings.GetAsync(jobId, runId, cancellationToken).ConfigureAwait(false) is { } setting)
                {
                    settings.Add(setting with { JobId = newId });
                }
            }
            catch (CorruptFileException e)
            {
                await skipped(e.Problem).ConfigureAwait(false);
            }
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        // A stop keeps its status; a checkpoint in the middle of a run makes a job nobody has run yet (see Job.ReadyToContinue).
        var stopped = JobStatusRules.AfterStop(forkPoint.Status);
        var status = stopped ?? JobStatus.StoppedByInteractiveTool;
        var fork = new Job
        {
            Id = newId,
            Status = status,
            CoordinatorExpertKey = job.CoordinatorExpertKey,
            TotalSteps = forkPoint.StepNumber,
            MaxSteps = job.MaxSteps,
            Usage = forkPoint.Usage,
            StartedAt = now,
            FinishedAt = JobStatusRules.IsFinished(status) ? now : null,
            UpdatedAt = now,
            Title = job.Title,
            ForkedFrom = new JobOrigin { JobId = jobId, CheckpointId = checkpointId },
            ReadyToContinue = stopped is null ? true : null,
        };
        await _files.CreateAsync(new JobContents { Job = fork, Checkpoints = copies, RunSettings = settings }, cancellationToken).ConfigureAwait(false);
        return newId;
    }

    /// <summary>
    /// The fork point and its ancestors, oldest first, following the recorded parent links (checkpoints the
    /// TypeScript runtime wrote have none: their chain is the checkpoint alone, which holds the whole conversation).
    /// </summary>
    private async Task<List<Checkpoint>> ChainAsync(Checkpoint forkPoint, CancellationToken cancellationToken)
    {
        var chain = new List<Checkpoint> { forkPoint };
        var seen = new HashSet<CheckpointId> { forkPoint.Id };
        for (var parentId = forkPoint.ParentCheckpointId; parentId is { } id && seen.Add(id);)
        {
            var parent = await _checkpoints.GetAsync(forkPoint.JobId, id, cancellationToken).ConfigureAwait(false);
            if (parent is null)
            {
                break; // a link to a checkpoint of another job (the origin of an earlier fork)
            }

            chain.Add(parent);
            parentId = parent.ParentCheckpointId;
        }

        chain.Reverse();
        return chain;
    }
}
