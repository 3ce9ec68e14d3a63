using Perstack.App.Cli;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs prune</c> does once its options are parsed and checked.</summary>
internal sealed class JobsPruneHandler(IJobStore store, IJobLocks locks, IJobFiles files, JobDeleter deleter)
{
    /// <summary>Deletes the selected jobs that are not running, after asking unless <paramref name="yes"/>.</summary>
    public async Task<int> RunAsync(
        CliContext context, long? cutoff, int? keepCount, IReadOnlyCollection<string>? statuses, bool dryRun, bool yes, TextReader? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // From the history itself: what is kept or deleted is never judged on an index that may lag another tool's writes.
        var listing = await store.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await ProblemReporter.WarnAsync(context.Error, listing.Problems).ConfigureAwait(false);

        // Newest first: --keep counts from the top (running jobs count as kept); both options must agree to delete.
        var doomed = listing.Items
            .Where(j => JobFilterOptions.HasStatus(j, statuses, locks))
            .Skip(keepCount ?? 0)
            .Where(j => cutoff is null || j.LastActivityAt < cutoff)
            .Where(j => !locks.IsHeld(j.Id))
            .ToList();
        if (doomed.Count == 0)
        {
            await context.Error.WriteLineAsync("Nothing to prune.").ConfigureAwait(false);
            return 0;
        }

        long total = 0;
        foreach (var job in doomed)
        {
            long size = files.SizeOnDisk(job.Id);
            total += size;
            await context.Text.WriteLineAsync($"{HistoryRows.Job(job)}  {JobStatusText.Of(job, locks)}  {Confirmation.Size(size)}").ConfigureAwait(false);
        }

        var summary = $"{Confirmation.Jobs(doomed.Count)}, {Confirmation.Size(total)}";
        if (dryRun)
        {
            await context.Output.WriteLineAsync($"Would delete {summary} (dry run: nothing was deleted)").ConfigureAwait(false);
            return 0;
        }

        if (!yes
            && !await Confirmation.AskAsync(input, context.Error, $"Delete {Confirmation.Jobs(doomed.Count)} ({Confirmation.Size(total)})?").ConfigureAwait(false))
        {
            return PerstackCli.Failure;
        }

        bool ok = await deleter.DeleteAllAsync(context, [.. doomed.Select(j => j.Id)], cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return PerstackCli.Failure;
        }

        await context.Output.WriteLineAsync($"Freed {Confirmation.Size(total)}").ConfigureAwait(false);
        return 0;
    }
}
