using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Storage;

/// <summary>Run settings (<c>jobs/&lt;jobId&gt;/runs/&lt;runId&gt;/run-setting.json</c>).</summary>
public interface IRunSettingStore
{
    /// <summary>
    /// Writes the setting atomically. Environment values are never written, whatever the setting holds.
    /// </summary>
    Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default);

    /// <summary>The setting, or null when it does not exist.</summary>
    /// <exception cref="CorruptFileException">The file cannot be read.</exception>
    Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default);
}
