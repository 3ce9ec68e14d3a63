using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>A job with everything stored for it, read through the stores; unreadable files become problems.</summary>
internal sealed record StoredJob(Job Job, IReadOnlyList<CheckpointSummary> Headers, JobContents Contents, IReadOnlyList<StoreProblem> Problems)
{
    /// <summary>Loads the job; <c>Job &lt;id&gt; not found</c> when it does not exist.</summary>
    public static async Task<StoredJob> LoadAsync(CliContext context, JobId jobId, bool withEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await context.Get<IJobStore>().GetAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw new PerstackException($"Job {jobId} not found");
        var problems = new List<StoreProblem>();

        var checkpointStore = context.Get<ICheckpointStore>();
        var headers = await checkpointStore.ListAsync(jobId, cancellationToken).ConfigureAwait(false);
        problems.AddRange(headers.Problems);
        var checkpoints = new List<Checkpoint>();
        foreach (var header in headers.Items)
        {
            var checkpoint = await Try(() => checkpointStore.GetAsync(jobId, header.Id, cancellationToken), problems).ConfigureAwait(false);
            if (checkpoint is not null)
            {
                checkpoints.Add(checkpoint);
            }
        }

        var eventStore = context.Get<IEventStore>();
        var runIds = (await eventStore.ListRunsAsync(jobId, cancellationToken).ConfigureAwait(false))
            .Concat(headers.Items.Select(h => h.RunId)).Distinct().Order().ToList();
        var settingStore = context.Get<IRunSettingStore>();
        var settings = new List<RunSetting>();
        var events = new List<RunEvent>();
        foreach (var runId in runIds)
        {
            var setting = await Try(() => settingStore.GetAsync(jobId, runId, cancellationToken), problems).ConfigureAwait(false);
            if (setting is not null)
            {
                settings.Add(setting);
            }

            if (!withEvents)
            {
                continue;
            }

            var listing = await eventStore.ListAsync(jobId, runId, cancellationToken).ConfigureAwait(false);
            problems.AddRange(listing.Problems);
            foreach (var summary in listing.Items)
            {
                var runEvent = await Try(() => eventStore.GetAsync(summary, cancellationToken), problems).ConfigureAwait(false);
                if (runEvent is not null)
                {
                    events.Add(runEvent);
                }
            }
        }

        var contents = new JobContents { Job = job, Checkpoints = checkpoints, RunSettings = settings, Events = events };
        return new StoredJob(job, headers.Items, contents, problems);
    }

    private static async Task<T?> Try<T>(Func<Task<T?>> read, List<StoreProblem> problems)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (CorruptFileException e)
        {
            problems.Add(e.Problem);
            return null;
        }
    }
}
