using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Runs;

namespace Perstack.Storage.Jobs;

/// <summary><see cref="IJobFiles"/> over <c>jobs/&lt;jobId&gt;/</c>.</summary>
public sealed class FileJobFiles : IJobFiles
{
    private readonly StorageLayout _layout;

    /// <summary>Creates the adapter.</summary>
    public FileJobFiles(StorageLayout layout) => _layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <inheritdoc />
    public bool Exists(JobId jobId) => Directory.Exists(_layout.JobDirectory(jobId));

    /// <inheritdoc />
    public JobId? FindIgnoringCase(JobId jobId) => JobStaging.FindIgnoringCase(_layout, jobId);

    /// <inheritdoc />
    public long SizeOnDisk(JobId jobId)
    {
        var directory = _layout.JobDirectory(jobId);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // Removed while we counted (a temp file renamed away): it no longer takes space.
            }
        }

        return total;
    }

    /// <inheritdoc />
    public async Task CreateAsync(JobContents contents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Problem() is { } problem)
        {
            throw new PerstackException($"Cannot store job {contents.Job.Id}: {problem}");
        }

        var jobId = contents.Job.Id;
        Leftovers.Sweep(_layout);
        var created = await JobStaging.CreateAsync(_layout, jobId, async staging =>
        {
            await StoreWriter.Immediate.WriteJsonAsync(staging.JobFile(jobId), contents.Job, PerstackJson.JobIndented, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(staging.CheckpointsDirectory(jobId));
            foreach (var checkpoint in contents.Checkpoints)
            {
                await StoreWriter.Immediate.WriteJsonAsync(staging.CheckpointFile(jobId, checkpoint.Id), checkpoint, PerstackJson.Checkpoint, cancellationToken).ConfigureAwait(false);
            }

            var runSettings = new FileRunSettingStore(staging);
            foreach (var setting in contents.RunSettings)
            {
                await runSettings.SaveAsync(setting, cancellationToken).ConfigureAwait(false);
            }

            var events = new FileEventStore(staging);
            foreach (var runEvent in contents.Events)
            {
                await events.SaveAsync(runEvent, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        created.Dispose(); // in place and complete: nothing more to write
    }
}
