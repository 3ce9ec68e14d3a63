using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Runs;

namespace Perstack.Storage.S3;

/// <summary><see cref="IRunSettingStore"/> over <c>runs/&lt;runId&gt;/run-setting.json</c> objects; never writes secrets.</summary>
public sealed class S3RunSettingStore(S3History history, S3Writer writer) : IRunSettingStore
{
    /// <inheritdoc />
    public Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var safe = StoredRunSetting.Safe(setting);
        return writer.WriteJsonAsync(S3Keys.RunSetting(safe.JobId, safe.RunId), safe, PerstackJson.RunSetting, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = S3Keys.RunSetting(jobId, runId);
        var setting = await history.ReadJsonOrThrowAsync(key, PerstackJson.RunSetting, cancellationToken).ConfigureAwait(false);
        return StoredRunSetting.Verified(setting, jobId, runId, history.Show(key));
    }
}
