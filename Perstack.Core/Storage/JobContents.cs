using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Storage;

/// <summary>Everything stored for one job: what <see cref="IJobFiles.CreateAsync"/> writes in one step.</summary>
public sealed record JobContents
{
    /// <summary>The job.</summary>
    public required Job Job { get; init; }

    /// <summary>Its checkpoints, written as given (sequence numbers included).</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; init; } = [];

    /// <summary>Its run settings.</summary>
    public IReadOnlyList<RunSetting> RunSettings { get; init; } = [];

    /// <summary>Its run events.</summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];

    /// <summary>
    /// A one-line reason why the contents cannot be stored as one job (an item naming another job, duplicate
    /// checkpoint or run ids), or null when they can.
    /// </summary>
    public string? Problem()
    {
        var jobId = Job.Id;
        if (Checkpoints.FirstOrDefault(c => c.JobId != jobId) is { } foreignCheckpoint)
        {
            return $"checkpoint {foreignCheckpoint.Id} belongs to job {foreignCheckpoint.JobId}, not {jobId}";
        }

        if (Checkpoints.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicateCheckpoint)
        {
            return $"checkpoint {duplicateCheckpoint.Key} appears more than once";
        }

        if (RunSettings.FirstOrDefault(r => r.JobId != jobId) is { } foreignSetting)
        {
            return $"the run setting of run {foreignSetting.RunId} belongs to job {foreignSetting.JobId}, not {jobId}";
        }

        if (RunSettings.GroupBy(r => r.RunId).FirstOrDefault(g => g.Count() > 1) is { } duplicateRun)
        {
            return $"run {duplicateRun.Key} has more than one run setting";
        }

        return Events.FirstOrDefault(e => e.JobId != jobId) is { } foreignEvent
            ? $"event {foreignEvent.Id} belongs to job {foreignEvent.JobId}, not {jobId}"
            : null;
    }
}
