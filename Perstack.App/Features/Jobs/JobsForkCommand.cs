using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs fork &lt;jobId&gt; --from &lt;checkpointId&gt;</c>: a new job that starts where a checkpoint left off.</summary>
internal static class JobsForkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var jobIdArgument = IdSymbols.JobIdArgument("jobId", "The job to fork", bareError: true);
        var from = IdSymbols.CheckpointIdOption("--from", "checkpointId", "The checkpoint the new job starts from", bareError: true);
        from.Required = true;
        var command = new Command("fork", "Copy a job's history up to a checkpoint into a new job; prints the new job id") { jobIdArgument, from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobId = parse.GetValue(jobIdArgument);
            var checkpointId = parse.GetValue(from) ?? throw new InvalidOperationException("--from is required");
            using var context = CliContext.ForHistory(parse, global, environment);
            var job = await context.Get<IJobStore>().GetAsync(jobId, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Job {jobId} not found");
            var checkpoints = context.Get<ICheckpointStore>();
            var forkPoint = await checkpoints.GetAsync(jobId, checkpointId, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Checkpoint {checkpointId} not found in job {jobId}");

            var newId = JobId.New();
            var chain = await ChainAsync(checkpoints, forkPoint, cancellationToken).ConfigureAwait(false);

            // Written in chain order, so the fork point is the new job's latest checkpoint (what --continue-job resumes).
            var copies = chain.Select((c, i) => c with { JobId = newId, Sequence = i + 1 }).ToList();
            var settings = new List<RunSetting>();
            var settingStore = context.Get<IRunSettingStore>();
            foreach (var runId in chain.Select(c => c.RunId).Distinct())
            {
                try
                {
                    if (await settingStore.GetAsync(jobId, runId, cancellationToken).ConfigureAwait(false) is { } setting)
                    {
                        settings.Add(setting with { JobId = newId });
                    }
                }
                catch (CorruptFileException e)
                {
                    await context.Error.WriteLineAsync($"warning: skipped {e.Problem.Path}: {e.Problem.Reason}").ConfigureAwait(false);
                }
            }

            long now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            // A stop keeps its status; a checkpoint in the middle of a run makes a job nobody has run yet (see Job.ReadyToContinue).
            var (status, finished, ready) = forkPoint.Status switch
            {
                CheckpointStatus.Completed => (JobStatus.Completed, (long?)now, (bool?)null),
                CheckpointStatus.StoppedByInteractiveTool => (JobStatus.StoppedByInteractiveTool, null, null),
                CheckpointStatus.StoppedByExceededMaxSteps => (JobStatus.StoppedByMaxSteps, now, null),
                CheckpointStatus.StoppedByError => (JobStatus.StoppedByError, now, null),
                _ => (JobStatus.StoppedByInteractiveTool, null, true),
            };
            var fork = new Job
            {
                Id = newId,
                Status = status,
                CoordinatorExpertKey = job.CoordinatorExpertKey,
                TotalSteps = forkPoint.StepNumber,
                MaxSteps = job.MaxSteps,
                Usage = forkPoint.Usage,
                StartedAt = now,
                FinishedAt = finished,
                UpdatedAt = now,
                Title = job.Title,
                ForkedFrom = new JobOrigin { JobId = jobId, CheckpointId = checkpointId },
                ReadyToContinue = ready,
            };
            await context.Get<IJobFiles>().CreateAsync(new JobContents { Job = fork, Checkpoints = copies, RunSettings = settings }, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(newId.Value).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The fork point and its ancestors, oldest first, following the recorded parent links (checkpoints the
    /// TypeScript runtime wrote have none: their chain is the checkpoint alone, which holds the whole conversation).
    /// </summary>
    private static async Task<List<Checkpoint>> ChainAsync(ICheckpointStore store, Checkpoint forkPoint, CancellationToken cancellationToken)
    {
        var chain = new List<Checkpoint> { forkPoint };
        var seen = new HashSet<CheckpointId> { forkPoint.Id };
        for (var parentId = forkPoint.ParentCheckpointId; parentId is { } id && seen.Add(id);)
        {
            var parent = await store.GetAsync(forkPoint.JobId, id, cancellationToken).ConfigureAwait(false);
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
