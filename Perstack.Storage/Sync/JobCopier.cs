using Perstack.Core.Domain;
using Perstack.Core.Text;

namespace Perstack.Storage.Sync;

/// <summary>
/// Copies whole jobs from one side to another, key for key. Never overwrites a newer copy: the destination is newer when it
/// holds every checkpoint of the source and more; copies that each hold checkpoints the other lacks have diverged and are
/// refused. Resumable: objects already there with the same size and MD5 are skipped, and <c>job.json</c> is written last,
/// so an interrupted copy never lists as a complete job; running it again finishes it.
/// </summary>
/// <param name="source">Where the job is copied from.</param>
/// <param name="destination">Where it is copied to.</param>
/// <param name="reverseCommand">The command that copies the other way, named when the destination is newer.</param>
public sealed class JobCopier(IJobSide source, IJobSide destination, string reverseCommand)
{
    /// <summary>Copies the job; returns the line to print, and whether anything was copied (false: already up to date).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="verb">What the line calls the copy ("pushed", "pulled").</param>
    /// <param name="ignored">Receives the keys of the job's objects outside the layout (not copied).</param>
    /// <param name="cancellationToken">Stops the copy between objects.</param>
    /// <exception cref="PerstackException">The job is missing, or the destination is newer or diverged: one line, nothing written.</exception>
    public async Task<(string Line, bool Copied)> CopyAsync(JobId jobId, string verb, List<string> ignored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ignored);
        var from = await source.ListAsync(jobId, ignored, cancellationToken).ConfigureAwait(false);
        if (from.Count == 0)
        {
            throw new PerstackException($"Error: Job {jobId} not found in {source.Display}");
        }

        var to = await destination.ListAsync(jobId, ignored, cancellationToken).ConfigureAwait(false);
        var fromCheckpoints = CheckpointsOf(from);
        var toCheckpoints = CheckpointsOf(to);
        bool destinationHasMore = !toCheckpoints.IsSubsetOf(fromCheckpoints);
        if (destinationHasMore && !fromCheckpoints.IsSubsetOf(toCheckpoints))
        {
            throw new PerstackException(
                $"Error: Job {jobId} has diverged: {source.Display} and {destination.Display} each hold checkpoints the other lacks; nothing copied");
        }

        if (destinationHasMore)
        {
            throw new PerstackException($"Error: Job {jobId} in {destination.Display} is newer (it holds every checkpoint here and more); {reverseCommand} it instead");
        }

        // Checkpoints and runs first, job.json last: until job.json lands the copy does not list as the complete job.
        var missing = from.Values
            .Where(o => !to.TryGetValue(o.Key, out var there) || there.Size != o.Size || there.Md5 is null || there.Md5 != o.Md5)
            .OrderBy(o => o.Key == JobObjectKeys.JobFile ? 1 : 0)
            .ThenBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var item in missing)
        {
            var content = await source.ReadAsync(jobId, item.Key, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(jobId, item.Key, content, cancellationToken).ConfigureAwait(false);
        }

        int events = from.Keys.Count(JobObjectKeys.IsEvent);
        return missing.Count == 0
            ? ($"{jobId} up to date: {CountText.Of(fromCheckpoints.Count, "checkpoint")}, {CountText.Of(events, "event")}", false)
            : ($"{verb} {jobId}: {CountText.Of(fromCheckpoints.Count, "checkpoint")}, {CountText.Of(events, "event")}", true);
    }

    private static HashSet<string> CheckpointsOf(Dictionary<string, JobObject> objects) =>
        objects.Keys.Select(JobObjectKeys.CheckpointOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
