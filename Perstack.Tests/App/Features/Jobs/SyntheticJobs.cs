using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary>Jobs written with the real stores, with times relative to now (the fixture's dates lie in the future).</summary>
internal static class SyntheticJobs
{
    public static long Ago(TimeSpan age) => DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds();

    /// <summary>A job with two checkpoints (the second continues the first), a run setting and an event.</summary>
    public static async Task<Job> AddAsync(Stores stores, string id, TimeSpan age, JobStatus status = JobStatus.Completed, string expert = "my-expert")
    {
        var job = TestData.Job(id, startedAt: Ago(age), status: status) with { CoordinatorExpertKey = expert, FinishedAt = null };
        await stores.Jobs.SaveAsync(job);
        var runId = RunId.Parse("run-1");
        var first = await stores.Checkpoints.SaveAsync(TestData.Checkpoint(job.Id, 1, runId: runId));
        await stores.Checkpoints.SaveAsync(TestData.Checkpoint(job.Id, 2, runId: runId) with { ParentCheckpointId = first.Id, Status = CheckpointStatus.Completed });
        await stores.RunSettings.SaveAsync(TestData.RunSetting(job.Id, runId, new Dictionary<string, string>()));
        await stores.Events.SaveAsync(TestData.StartGeneration(job.Id, runId, job.StartedAt, 1, "e1"));
        return job;
    }
}
