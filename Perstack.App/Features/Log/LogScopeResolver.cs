using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log;

/// <summary>Turns <c>--job</c>, <c>--run</c> and <c>--checkpoint</c> into a <see cref="LogScope"/>, with one-line errors.</summary>
internal sealed class LogScopeResolver(IJobStore jobs, ICheckpointStore checkpoints, IEventStore events, IJobLocks locks, HistoryLocation history)
{
    /// <summary>
    /// The scope, or null when no job was named and the store has none. A named job, run or checkpoint that does not
    /// exist is an error.
    /// </summary>
    public async Task<LogScope?> ResolveAsync(
        CliContext context, JobId? jobId, RunId? runId, CheckpointId? checkpointId, bool withCheckpointHeaders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Job job;
        if ((jobId ?? FindJob(checkpointId)) is { } id)
        {
            job = await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new PerstackException($"Job {id} not found");
        }
        else
        {
            var listing = await jobs.ListAsync(cancellationToken).ConfigureAwait(false);
            await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
            if (listing.Items.Count == 0)
            {
                return null;
            }

            job = listing.Items[0];
        }

        Checkpoint? checkpoint = null;
        if (checkpointId is { } cid)
        {
            checkpoint = await checkpoints.GetAsync(job.Id, cid, cancellationToken).ConfigureAwait(false)
                ?? throw new PerstackException($"Checkpoint {cid} not found in job {job.Id}");
            if (runId is { } asked && asked != checkpoint.RunId)
            {
                throw new PerstackException($"Error: Checkpoint {cid} belongs to run {checkpoint.RunId}, not {asked}");
            }
        }
        else if (runId is { } rid && !(await events.ListRunsAsync(job.Id, cancellationToken).ConfigureAwait(false)).Contains(rid))
        {
            throw new PerstackException($"Run {rid} not found in job {job.Id}");
        }

        IReadOnlyList<CheckpointSummary>? headers = null;
        if (withCheckpointHeaders && checkpoint is null && runId is null)
        {
            var listing = await checkpoints.ListAsync(job.Id, cancellationToken).ConfigureAwait(false);
            await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
            headers = listing.Items;
        }

        return new LogScope
        {
            Job = job,
            Status = JobStatusText.Of(job, locks),
            IsLatestJob = jobId is null && checkpointId is null,
            StoragePath = history.Root,
            RunId = checkpoint?.RunId ?? runId,
            Checkpoint = checkpoint,
            Checkpoints = headers,
        };
    }

    /// <summary>The job holding <paramref name="checkpointId"/> when no <c>--job</c> was given: the one job, else a one-line error.</summary>
    private JobId? FindJob(CheckpointId? checkpointId)
    {
        if (checkpointId is not { } cid)
        {
            return null;
        }

        var holders = checkpoints.FindJobs(cid);
        return holders.Count switch
        {
            1 => holders[0],
            0 => throw new PerstackException($"Checkpoint {cid} not found in any job"),
            _ => throw new PerstackException($"Checkpoint {cid} is in {holders.Count} jobs ({string.Join(", ", holders)}); add --job <jobId>"),
        };
    }
}
