using Perstack.App.Cli;
using Perstack.App.Cli.Output;
using Perstack.App.Presentation;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs list</c> does once its options are parsed.</summary>
internal sealed class JobsListHandler(IJobStore store, IJobLocks locks)
{
    /// <summary>
    /// Prints the jobs that pass the filters, newest first, as text or (<paramref name="json"/>) a JSON array; with
    /// <paramref name="refresh"/>, from the history itself rather than an index the store keeps of it.
    /// </summary>
    public async Task<int> RunAsync(
        CliContext context, bool json, int? limit, IReadOnlyCollection<string>? statuses, string? expertKey, long? sinceMs, bool refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var listing = refresh
            ? await store.RefreshAsync(cancellationToken).ConfigureAwait(false)
            : await store.ListAsync(cancellationToken).ConfigureAwait(false);
        await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);
        var jobs = listing.Items
            .Where(j => expertKey is null || string.Equals(j.CoordinatorExpertKey, expertKey, StringComparison.Ordinal))
            .Where(j => sinceMs is null || j.LastActivityAt >= sinceMs)
            .Where(j => JobFilterOptions.HasStatus(j, statuses, locks))
            .Take(limit ?? int.MaxValue)
            .ToList();
        if (json)
        {
            await JobListJson.WriteAsync(context.Output, jobs, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await using (var output = new ChunkedTextOutput(context.Output))
        {
            foreach (var job in jobs)
            {
                var title = job.Title is { Length: > 0 } text ? $"  \"{text}\"" : "";
                await output.WriteLineAsync($"{HistoryRows.Job(job)}  {JobStatusText.Of(job, locks)}{DerivedJobText.Marker(job)}{title}", cancellationToken).ConfigureAwait(false);
            }
        }

        if (jobs.Count == 0)
        {
            await context.Error.WriteLineAsync("No jobs found.").ConfigureAwait(false);
        }

        return 0;
    }
}
