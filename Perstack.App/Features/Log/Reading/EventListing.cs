using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>
/// The events of a job (or of one of its runs) in time order, known from their file names only: runs interleave by
/// timestamp, then step; ties between runs go by run id. Holds one small record per event, never an event's content.
/// </summary>
internal static class EventListing
{
    /// <summary>Lists the events; <paramref name="runId"/> null means every run of the job.</summary>
    public static async Task<StoreListing<EventSummary>> ListAsync(IEventStore store, JobId jobId, RunId? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = runId is { } one ? [one] : await store.ListRunsAsync(jobId, cancellationToken).ConfigureAwait(false);
        var events = new List<EventSummary>();
        var problems = new List<StoreProblem>();
        foreach (var run in runs)
        {
            var listing = await store.ListAsync(jobId, run, cancellationToken).ConfigureAwait(false);
            events.AddRange(listing.Items);
            problems.AddRange(listing.Problems);
        }

        if (runs.Count > 1)
        {
            events.Sort(static (a, b) =>
            {
                int c = a.Timestamp.CompareTo(b.Timestamp);
                c = c != 0 ? c : a.StepNumber.CompareTo(b.StepNumber);
                c = c != 0 ? c : a.RunId.CompareTo(b.RunId);
                return c != 0 ? c : string.CompareOrdinal(a.Type, b.Type);
            });
        }

        return new StoreListing<EventSummary>(events, problems);
    }
}
