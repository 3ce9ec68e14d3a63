using System.Globalization;
using Perstack.Core.Domain;

namespace Perstack.Storage.S3;

/// <summary>
/// The history's keys under its prefix: the folder layout, as TypeScript Perstack's S3 storage writes it
/// (<c>jobs/{jobId}/job.json</c>, <c>checkpoints/{id}.json</c>, <c>runs/{runId}/run-setting.json</c>,
/// <c>runs/{runId}/event-{ts}-{step}-{type}.json</c>). Keys are built only from validated ids.
/// </summary>
internal static class S3Keys
{
    public const string Jobs = "jobs/";

    public static string Job(JobId jobId) => $"{Jobs}{jobId}/";

    public static string JobFile(JobId jobId) => $"{Job(jobId)}job.json";

    public static string Checkpoints(JobId jobId) => $"{Job(jobId)}checkpoints/";

    public static string Checkpoint(JobId jobId, CheckpointId checkpointId) => $"{Checkpoints(jobId)}{checkpointId}.json";

    public static string Runs(JobId jobId) => $"{Job(jobId)}runs/";

    public static string Run(JobId jobId, RunId runId) => $"{Runs(jobId)}{runId}/";

    public static string RunSetting(JobId jobId, RunId runId) => $"{Run(jobId, runId)}run-setting.json";

    public static string Event(JobId jobId, RunId runId, long timestamp, long step, string type) =>
        Run(jobId, runId) + string.Create(CultureInfo.InvariantCulture, $"event-{timestamp}-{step}-{type}.json");

    /// <summary>The job a key of the history belongs to (<c>jobs/{jobId}/…</c>); null for any other key.</summary>
    public static JobId? JobOf(string key)
    {
        if (!key.StartsWith(Jobs, StringComparison.Ordinal))
        {
            return null;
        }

        int end = key.IndexOf('/', Jobs.Length);
        return end > Jobs.Length && JobId.TryParse(key[Jobs.Length..end], out var jobId) ? jobId : null;
    }
}
