using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// One writer per job across machines, for a history in a bucket: a lease object per job at
/// <c>{prefix}/.perstack/leases/{jobId}.json</c> (outside <c>jobs/</c>, so neither TypeScript Perstack's S3 listing nor
/// ours ever sees it), created with <c>If-None-Match: *</c>, renewed by its holder with <c>If-Match</c> on its ETag,
/// taken over with <c>If-Match</c> once released or not renewed for <see cref="S3LeaseOptions.TimeToLive"/> — judged
/// by the server's clock (the object's Last-Modified against the Date of the same answer), so machines whose clocks
/// disagree still agree on expiry. Before its first lease a process checks that the server honours conditional writes
/// (<see cref="ConditionalWriteProbe"/>) and refuses to write where it does not, unless the user allowed unsafe writes.
/// Within the process a job is held once (a second Acquire is refused as another process's would be).
/// </summary>
public sealed class S3JobLeases : IJobLocks, IDisposable
{
    private const string LeasesFolder = ".perstack/leases/";

    private readonly LeaseObjects _objects;
    private readonly S3LeaseOptions _options;
    private readonly ConditionalWriteProbe _probe;
    private readonly HashSet<JobId> _held = [];
    private readonly Lock _gate = new();
    private readonly string _owner = $"pid {Environment.ProcessId} on {Environment.MachineName}";

    /// <summary>Creates the leases of <paramref name="location"/>; they own <paramref name="client"/>.</summary>
    /// <param name="location">The history.</param>
    /// <param name="client">A client of its server (leases use their own: see <see cref="LeaseObjects"/>).</param>
    /// <param name="options">Time to live and renewal period.</param>
    /// <param name="allowUnsafeWrites">perstack.toml's <c>[storage] allowUnsafeWrites</c>: write even where conditional writes are not honoured.</param>
    public S3JobLeases(Core.Storage.Locations.S3Location location, Amazon.S3.IAmazonS3 client, S3LeaseOptions options, bool allowUnsafeWrites)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(client);
        _objects = new LeaseObjects(location, client);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _probe = new ConditionalWriteProbe(_objects, allowUnsafeWrites);
    }

    /// <summary>The key of <paramref name="jobId"/>'s lease, under the history's prefix.</summary>
    public static string LeaseKey(JobId jobId) => $"{LeasesFolder}{jobId}.json";

    /// <inheritdoc />
    /// <exception cref="PerstackException">The server does not honour conditional writes (and unsafe writes are not allowed), or cannot be reached.</exception>
    public IDisposable Acquire(JobId jobId)
    {
        lock (_gate)
        {
            if (!_held.Add(jobId))
            {
                throw new JobLockedException(jobId);
            }
        }

        try
        {
            return Task.Run(() => AcquireAsync(jobId)).GetAwaiter().GetResult();
        }
        catch
        {
            Forget(jobId);
            throw;
        }
    }

    /// <inheritdoc />
    public bool IsHeld(JobId jobId)
    {
        lock (_gate)
        {
            if (_held.Contains(jobId))
            {
                return true;
            }
        }

        var read = Task.Run(() => _objects.ReadAsync(LeaseKey(jobId), CancellationToken.None)).GetAwaiter().GetResult();
        return read is not null && IsLive(read);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _probe.Dispose();
        _objects.Dispose();
    }

    internal void Forget(JobId jobId)
    {
        lock (_gate)
        {
            _held.Remove(jobId);
        }
    }

    private async Task<S3Lease> AcquireAsync(JobId jobId)
    {
        await _probe.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        var key = LeaseKey(jobId);
        var body = new LeaseBody(_owner, Guid.NewGuid().ToString("N"), 0, Released: false);
        // Each turn either wins or sees the lease another writer just wrote; a few turns settle any race.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var current = await _objects.ReadAsync(key, CancellationToken.None).ConfigureAwait(false);
            string? etag;
            if (current is null)
            {
                etag = await _objects.CreateAsync(key, body.ToBytes(), CancellationToken.None).ConfigureAwait(false);
            }
            else if (IsLive(current))
            {
                throw new JobLockedException(jobId);
            }
            else
            {
                etag = await _objects.ReplaceAsync(key, body.ToBytes(), current.ETag, CancellationToken.None).ConfigureAwait(false);
            }

            if (etag is not null)
            {
                return new S3Lease(this, _objects, jobId, key, body, etag, _options);
            }
        }

        throw new JobLockedException(jobId);
    }

    /// <summary>
    /// Held by someone: not released, and renewed within the time to live by the server's clock (Last-Modified has
    /// one-second resolution: a second more is allowed). Without a Date header the local clock stands in.
    /// </summary>
    private bool IsLive(LeaseRead read)
    {
        if (LeaseBody.Parse(read.Content) is { Released: true })
        {
            return false;
        }

        var now = read.ServerNow ?? DateTimeOffset.UtcNow;
        var lastModified = read.LastModified.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(read.LastModified, TimeSpan.Zero)
            : new DateTimeOffset(read.LastModified.ToUniversalTime(), TimeSpan.Zero);
        return now - lastModified <= _options.TimeToLive + TimeSpan.FromSeconds(1);
    }
}
