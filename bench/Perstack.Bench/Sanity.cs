using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.Bench;

/// <summary>Checks, once per benchmark process, that the compared methods return the same answer.</summary>
internal static class Sanity
{
    public static void CheckJobs(StoreListing<Job> store, List<Job> reference)
    {
        Require(store.Problems.Count == 0, $"the store reported {store.Problems.Count} problems");
        Require(store.Items.Count == SyntheticHistory.JobCount, $"the store listed {store.Items.Count} jobs");
        Require(reference.Count == store.Items.Count, $"the reference listed {reference.Count} jobs");
        for (int i = 0; i < reference.Count; i++)
        {
            Job a = store.Items[i], b = reference[i];
            Require(a.Id == b.Id && a.Status == b.Status && a.StartedAt == b.StartedAt && a.Usage == b.Usage
                && a.TotalSteps == b.TotalSteps && a.MaxSteps == b.MaxSteps && a.FinishedAt == b.FinishedAt,
                $"job #{i} differs: {a.Id} vs {b.Id}");
        }
    }

    public static void CheckCheckpoints(StoreListing<CheckpointSummary> store, List<Checkpoint> reference)
    {
        Require(store.Problems.Count == 0, $"the store reported {store.Problems.Count} problems");
        Require(store.Items.Count == SyntheticHistory.CheckpointCount, $"the store listed {store.Items.Count} checkpoints");
        Require(reference.Count == store.Items.Count, $"the reference listed {reference.Count} checkpoints");
        for (int i = 0; i < reference.Count; i++)
        {
            Require(store.Items[i] == CheckpointSummary.From(reference[i]), $"checkpoint #{i} differs");
        }
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark sanity check failed: " + message);
        }
    }
}
