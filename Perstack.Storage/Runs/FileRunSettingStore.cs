using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Runs;

/// <summary><see cref="IRunSettingStore"/> over <c>runs/&lt;runId&gt;/run-setting.json</c>; never writes secrets.</summary>
public sealed class FileRunSettingStore : IRunSettingStore
{
    private readonly StorageLayout _layout;
    private readonly StoreWriter _writer;

    /// <summary>Creates the store.</summary>
    public FileRunSettingStore(StorageLayout layout)
        : this(layout, StoreWriter.Immediate)
    {
    }

    /// <summary>Creates the store writing through <paramref name="writer"/>.</summary>
    public FileRunSettingStore(StorageLayout layout, StoreWriter writer)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <inheritdoc />
    public Task SaveAsync(RunSetting setting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var safe = StoredRunSetting.Safe(setting);
        return _writer.WriteJsonAsync(_layout.RunSettingFile(safe.JobId, safe.RunId), safe, PerstackJson.RunSetting, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var path = _layout.RunSettingFile(jobId, runId);
        var setting = await JsonFile.ReadOrThrowAsync(path, PerstackJson.RunSetting, cancellationToken).ConfigureAwait(false);
        return StoredRunSetting.Verified(setting, jobId, runId, path);
    }
}
