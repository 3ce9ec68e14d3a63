using Perstack.Core.Domain;

namespace Perstack.Storage.Files;

/// <summary>
/// The on-disk layout shared with the TypeScript runtime. Paths are built only from validated id types,
/// so no user text can steer a path outside the root.
/// </summary>
public sealed class StorageLayout
{
    /// <summary>File name of a job.</summary>
    public const string JobFileName = "job.json";

    /// <summary>File name of a job's lock.</summary>
    public const string LockFileName = ".lock";

    /// <summary>Creates the layout.</summary>
    public StorageLayout(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = options.RootPath;
        JobsDirectory = Path.Combine(Root, "jobs");
        Cache = StoreCache.For(Root, options.CacheHome);
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary><c>&lt;root&gt;/jobs</c>.</summary>
    public string JobsDirectory { get; }

    /// <summary>The store's caches, outside the history (the jobs index, checkpoint indexes).</summary>
    public StoreCache Cache { get; }

    /// <summary><c>jobs/&lt;jobId&gt;</c>.</summary>
    public string JobDirectory(JobId jobId) => Path.Combine(JobsDirectory, jobId.Value);

    /// <summary><c>jobs/&lt;jobId&gt;/job.json</c>.</summary>
    public string JobFile(JobId jobId) => Path.Combine(JobDirectory(jobId), JobFileName);

    /// <summary><c>jobs/&lt;jobId&gt;/.lock</c>.</summary>
    public string LockFile(JobId jobId) => Path.Combine(JobDirectory(jobId), LockFileName);

    /// <summary><c>jobs/&lt;jobId&gt;/checkpoints</c>.</summary>
    public string CheckpointsDirectory(JobId jobId) => Path.Combine(JobDirectory(jobId), "checkpoints");

    /// <summary><c>jobs/&lt;jobId&gt;/checkpoints/&lt;id&gt;.json</c>.</summary>
    public string CheckpointFile(JobId jobId, CheckpointId checkpointId) =>
        Path.Combine(CheckpointsDirectory(jobId), checkpointId.Value + ".json");

    /// <summary><c>jobs/&lt;jobId&gt;/runs</c>.</summary>
    public string RunsDirectory(JobId jobId) => Path.Combine(JobDirectory(jobId), "runs");

    /// <summary><c>jobs/&lt;jobId&gt;/runs/&lt;runId&gt;</c>.</summary>
    public string RunDirectory(JobId jobId, RunId runId) => Path.Combine(RunsDirectory(jobId), runId.Value);

    /// <summary><c>jobs/&lt;jobId&gt;/runs/&lt;runId&gt;/run-setting.json</c>.</summary>
    public string RunSettingFile(JobId jobId, RunId runId) => Path.Combine(RunDirectory(jobId, runId), "run-setting.json");
}
