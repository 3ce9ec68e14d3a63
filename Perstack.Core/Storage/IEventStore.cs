using System.Text.Json;
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

    /// <summary>
    /// The event as stored, parsed as JSON but not mapped to the model (for readers that look at a few fields of many
    /// events, or print them as they are), or null when its file is gone. The caller disposes it.
    /// </summary>
    /// <exception cref="CorruptFileException">
    /// The file cannot be read, or is not a JSON object with a string <c>type</c> and numeric <c>stepNumber</c> and
    /// <c>timestamp</c>.
    /// </exception>
    Task<JsonDocument?> ReadJsonAsync(EventSummary summary, CancellationToken cancellationToken = default);
}
