using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;

namespace Perstack.Core.Storage;

/// <summary>Run events (<c>jobs/&lt;jobId&gt;/runs/&lt;runId&gt;/event-*.json</c>).</summary>
public interface IEventStore
{
    /// <summary>Writes the event atomically; an event never overwrites another.</summary>
    Task SaveAsync(RunEvent runEvent, CancellationToken cancellationToken = default);

    /// <summary>The runs of a job that have an event folder, by id.</summary>
    Task<IReadOnlyList<RunId>> ListRunsAsync(JobId jobId, CancellationToken cancellationToken = default);

    /// <summary>Events of a run from their file names, by timestamp then step; never opens the files.</summary>
    Task<StoreListing<EventSummary>> ListAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default);

    /// <summary>The full event, or null when its file is gone.</summary>
    /// <exception cref="CorruptFileException">The file cannot be read.</exception>
    Task<RunEvent?> GetAsync(EventSummary summary, CancellationToken cancellationToken = default);
}
