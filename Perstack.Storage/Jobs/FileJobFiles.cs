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
    public JobId? FindIgnoringCase(JobId jobId)
    {
        if (!Directory.Exists(_layout.JobsDirectory))
        {
            return null;
        }

        JobId? found = null;
        foreach (var directory in Directory.EnumerateDirectories(_layout.JobsDirectory))
        {
            var name = Path.GetFileName(directory);
            if (string.Equals(name, jobId.Value, StringComparison.OrdinalIgnoreCase) && JobId.TryParse(name, out var id))
            {
                if (id == jobId)
                {
                    return id;
                }

                found ??= id;
            }
        }

        return found;
    }

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
        var target = _layout.JobDirectory(jobId);
        if (Directory.Exists(target))
        {
            throw new PerstackException($"Job {jobId} already exists");
        }

        // Hidden (dot) folders are never listed as jobs, so a half-written job is invisible and a crash leaves
        // only a folder the next create or delete does not mind.
        Directory.CreateDirectory(_layout.JobsDirectory);
        var stagingRoot = Path.Combine(_layout.JobsDirectory, $".creating-{jobId}-{Guid.NewGuid():N}");
        var staging = new StorageLayout(new StorageOptions(stagingRoot));
        try
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

            try
            {
                Directory.Move(staging.JobDirectory(jobId), target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                throw new PerstackException($"Job {jobId} already exists");
            }
        }
        finally
        {
            TryDelete(stagingRoot);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Hidden and never listed; removing it is housekeeping only.
        }
    }
}
