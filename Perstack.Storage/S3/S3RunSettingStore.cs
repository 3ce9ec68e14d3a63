using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3;

/// <summary><see cref="IRunSettingStore"/> over <c>runs/&lt;runId&gt;/run-setting.json</c> objects; never writes secrets.</summary>
public sealed class S3RunSettingStore(S3History history, S3Writer writer) : IRunSettingStore
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <inheritdoc />
    public Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var safe = setting with { Env = NoEnvironment };
        return writer.WriteJsonAsync(S3Keys.RunSetting(safe.JobId, safe.RunId), safe, PerstackJson.RunSetting, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = S3Keys.RunSetting(jobId, runId);
        var setting = await history.ReadJsonOrThrowAsync(key, PerstackJson.RunSetting, cancellationToken).ConfigureAwait(false);
        return setting is null || (setting.JobId == jobId && setting.RunId == runId)
            ? setting
            : throw new CorruptFileException(new StoreProblem(history.Show(key), $"it names run {setting.RunId} of job {setting.JobId}"));
    }
}
