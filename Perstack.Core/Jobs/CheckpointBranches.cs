using Perstack.Core.Domain;
using Perstack.Core.Runtime;
using Perstack.Core.Storage;

namespace Perstack.Core.Jobs;

/// <summary>
/// The branches of a job: <c>--resume-from</c> an earlier checkpoint starts a new line of steps beside the old one.
/// Each checkpoint's step number and usage are cumulative along its own line (the reference's rule), and job.json
/// holds those of the checkpoint written last (the current branch); a branch's totals are those of its tip, shared
/// history before the fork included.
/// </summary>
public static class CheckpointBranches
{
    /// <summary>
    /// The tips of the job's branches, the current one (written last) first, then newest first. A tip is a
    /// coordinator checkpoint no step continues (the recorded parent, else — for checkpoints the TypeScript runtime
    /// wrote — the step before) and no delegate started from; a run stopped mid-delegation ends in its delegate's.
    /// </summary>
    public static IReadOnlyList<CheckpointSummary> Tips(IReadOnlyList<CheckpointSummary> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var latest = Latest(checkpoints);
        if (latest is null)
        {
            return [];
        }

        var firstAtStep = new Dictionary<long, CheckpointId>();
        foreach (var c in checkpoints)
        {
            firstAtStep.TryAdd(c.StepNumber, c.Id);
        }

        var continued = new HashSet<CheckpointId>();
        foreach (var c in checkpoints)
        {
            if (c.ParentCheckpointId is { } parent && parent != c.Id)
            {
                continued.Add(parent);
            }
            else if (c.DelegatedBy is null && firstAtStep.TryGetValue(c.StepNumber - 1, out var previous))
            {
                continued.Add(previous);
            }

            if (c.DelegatedBy is { } by)
            {
                continued.Add(by.CheckpointId);
            }
        }

        var tips = checkpoints.Where(c => !continued.Contains(c.Id) && (c.DelegatedBy is null || c.Id == latest.Id)).ToList();
        if (!tips.Contains(latest))
        {
            tips.Add(latest);
        }

        return [latest, .. tips.Where(t => t.Id != latest.Id).OrderByDescending(t => t.Sequence ?? 0).ThenByDescending(t => t.StepNumber)];
    }

    /// <summary>The job's latest checkpoint, as <c>--continue-job</c> picks it.</summary>
    public static CheckpointSummary? Latest(IReadOnlyList<CheckpointSummary> checkpoints) => ContinueResolver.Latest(checkpoints);
}
