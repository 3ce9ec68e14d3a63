using System.Text.Json;
using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs show</c> does once its arguments are parsed.</summary>
internal sealed class JobsShowHandler(IJobStore jobs, ICheckpointStore checkpointStore, IJobLocks locks)
{
    /// <summary>Prints the job and its checkpoints, as text or (<paramref name="json"/>) one JSON document.</summary>
    public async Task<int> RunAsync(CliContext context, JobId jobId, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw new PerstackException($"Job {jobId} not found");
        var checkpoints = await checkpointStore.ListAsync(jobId, cancellationToken).ConfigureAwait(false);
        var status = JobStatusText.Of(job, locks);
        await ProblemReporter.WarnAsync(context.Error, checkpoints.Problems).ConfigureAwait(false);

        if (json)
        {
            var document = new JobDetailsDocument
            {
                Job = DerivedJobText.ForJson(job), DisplayStatus = status, Checkpoints = checkpoints.Items, Branches = CheckpointBranches.Tips(checkpoints.Items), Problems = checkpoints.Problems,
            };
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(document, JobsJsonContext.Default.JobDetailsDocument)).ConfigureAwait(false);
            return 0;
        }

        await JobsShowCommand.WriteTextAsync(context.Text, job, status, checkpoints.Items).ConfigureAwait(false);
        return 0;
    }
}
