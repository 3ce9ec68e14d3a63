using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Perstack.Core.Domain;
using Perstack.Storage.Files;

namespace Perstack.Storage.Sync;

/// <summary>A job in a history folder (<c>{jobsDirectory}/{jobId}/…</c>).</summary>
public sealed class FolderJobSide(string root, string jobsDirectory) : IJobSide
{
    /// <inheritdoc />
    public string Display => root;

    /// <summary>The job's folder.</summary>
    public string JobDirectory(JobId jobId) => Path.Combine(jobsDirectory, jobId.Value);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobId>> JobIdsAsync(List<string> ignored, CancellationToken cancellationToken)
    {
        // Dot folders are jobs being created or deleted (see docs/storage.md, "Leftovers"); other names are not jobs,
        // which the folder's own listing reports.
        IReadOnlyList<JobId> ids = !Directory.Exists(jobsDirectory) ? [] :
            [.. Directory.EnumerateDirectories(jobsDirectory)
                .Select(Path.GetFileName)
                .Where(name => JobId.TryParse(name, out _))
                .Order(StringComparer.Ordinal)
                .Select(name => JobId.Parse(name!))];
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "S3's ETag of a single-part upload is the MD5 of its bytes: compared to skip equal objects, never used for security")]
    public async Task<Dictionary<string, JobObject>> ListAsync(JobId jobId, List<string> ignored, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, JobObject>(StringComparer.Ordinal);
        var directory = JobDirectory(jobId);
        if (!Directory.Exists(directory))
        {
            return objects;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            // Local extras (the lock, temporary files) are ours and stay silent; they are never copied.
            var key = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (JobObjectKeys.IsValid(key))
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                objects[key] = new JobObject(key, bytes.Length, Convert.ToHexStringLower(MD5.HashData(bytes)));
            }
        }

        return objects;
    }

    /// <inheritdoc />
    public Task<byte[]> ReadAsync(JobId jobId, string key, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(PathOf(jobId, key), cancellationToken);

    /// <inheritdoc />
    public async Task WriteAsync(JobId jobId, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(jobId, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicFile.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private string PathOf(JobId jobId, string key) =>
        JobObjectKeys.IsValid(key) ? Path.Combine(JobDirectory(jobId), key) : throw new ArgumentException($"Not a job key: {key}", nameof(key));
}
