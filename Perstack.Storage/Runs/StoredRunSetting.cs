using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Storage.Runs;

/// <summary>The rules every run-setting store keeps, whatever it writes to: what may be written, what may be believed.</summary>
internal static class StoredRunSetting
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>The setting as it may be stored: without its environment (the reference leaked the whole environment into this file).</summary>
    public static RunSetting Safe(RunSetting setting) => setting with { Env = NoEnvironment };

    /// <summary>
    /// The setting read from <paramref name="where"/> if it is the one asked for: as for jobs and checkpoints, a file naming
    /// another job or run is not this run's setting, and is reported as corrupt.
    /// </summary>
    public static RunSetting? Verified(RunSetting? setting, JobId jobId, RunId runId, string where) =>
        setting is null || (setting.JobId == jobId && setting.RunId == runId)
            ? setting
            : throw new CorruptFileException(new StoreProblem(where, $"it names run {setting.RunId} of job {setting.JobId}"));
}
