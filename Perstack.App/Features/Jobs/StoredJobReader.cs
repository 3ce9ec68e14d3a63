using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>Reads a <see cref="StoredJob"/>: the job, its checkpoints, run settings and (when asked) events; unreadable files become problems.</summary>
internal sealed class StoredJobReader
{
    private readonly IJobStore _jobs;
    private readonly ICheckpointStore _checkpoints;
    private readonly IEventStore _events;
    private readonly IRunSettingStore _runSettings;

    /// <summary>Creates the reader.</summary>
    public StoredJobReader(IJobStore jobs, ICheckpointStore checkpoints, IEventStore events, IRunSettingStore runSettings)
    {
        _jobs = jobs;
        _checkpoints = checkpoints;
        _events = events;
        _runSettings = runSettings;
    }

    /// <summary>Loads the job; <c>Job &lt;id&gt; not found</c> when it does not exist.</summary>
    public async Task<StoredJob> LoadAsync(JobId jobId, bool withEvents, CancellationToken cancellationToken)
    {
        var job = await _jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw new PerstackException($"Job {jobId} not found");
        var problems = new List<StoreProblem>();

        var checkpointStore = _checkpoints;
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

        var eventStore = _events;
        var runIds = (await eventStore.ListRunsAsync(jobId, cancellationToken).ConfigureAwait(false))
            .Concat(headers.Items.Select(h => h.RunId)).Distinct().Order().ToList();
        var settingStore = _runSettings;
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
