using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Runs;

/// <summary><see cref="IRunSettingStore"/> over <c>runs/&lt;runId&gt;/run-setting.json</c>; never writes secrets.</summary>
public sealed class FileRunSettingStore : IRunSettingStore
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
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

        // Last line of defence: the reference leaked the whole environment into this file.
        var safe = setting with { Env = NoEnvironment };
        return _writer.WriteJsonAsync(_layout.RunSettingFile(safe.JobId, safe.RunId), safe, PerstackJson.RunSetting, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunSetting?> GetAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
    {
        await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var path = _layout.RunSettingFile(jobId, runId);
        var setting = await JsonFile.ReadOrThrowAsync(path, PerstackJson.RunSetting, cancellationToken).ConfigureAwait(false);

        // As for jobs and checkpoints: a file naming another job or run is not this run's setting.
        return setting is null || (setting.JobId == jobId && setting.RunId == runId)
            ? setting
            : throw new CorruptFileException(new StoreProblem(path, $"it names run {setting.RunId} of job {setting.JobId}"));
    }
}
