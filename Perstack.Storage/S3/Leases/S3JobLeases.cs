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
    private readonly Dictionary<JobId, S3Lease> _leases = [];
    private (Dictionary<string, DateTime> Modified, DateTimeOffset? ServerNow)? _snapshot;
    private long _snapshotAt;
    private readonly Lock _gate = new();
    private readonly string _owner = $"pid {Environment.ProcessId} on {Environment.MachineName}";

    /// <summary>Creates the leases of <paramref name="location"/>; they own <paramref name="client"/>.</summary>
    /// <param name="location">The history.</param>
    /// <param name="client">A client of its server (leases use their own: see <see cref="LeaseObjects"/>).</param>
    /// <param name="options">Time to live and renewal period.</param>
    /// <param name="allowUnsafeWrites">perstack.toml's <c>[storage] allowUnsafeWrites</c>: write even where conditional writes are not honoured.</param>
    public S3JobLeases(Core.Storage.Locations.S3Location location, Amazon.S3.IAmazonS3 client, S3LeaseOptions options, bool allowUnsafeWrites)
        : this(location, ValidClient(client), options, allowUnsafeWrites)
    {
    }

    /// <summary>
    /// Creates the leases of <paramref name="location"/> with a client made by <paramref name="createClient"/> when first
    /// needed (a listing with no running job, or a command that writes nothing, never builds it); they own it.
    /// </summary>
    /// <param name="location">The history.</param>
    /// <param name="createClient">Makes a client of its server (leases use their own: see <see cref="LeaseObjects"/>).</param>
    /// <param name="options">Time to live and renewal period.</param>
    /// <param name="allowUnsafeWrites">perstack.toml's <c>[storage] allowUnsafeWrites</c>: write even where conditional writes are not honoured.</param>
    public S3JobLeases(Core.Storage.Locations.S3Location location, Func<Amazon.S3.IAmazonS3> createClient, S3LeaseOptions options, bool allowUnsafeWrites)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(createClient);
        _objects = new LeaseObjects(location, createClient);
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

        // A listing asks this of every job stored as running: one LIST of the leases answers most (no lease, or one
        // not renewed for its time to live); only a lease renewed lately is read, for whether it was released.
        // A holder may live longer than this machine's leaseSeconds (its own is in the lease): only a lease older than
        // the longest any holder may have is skipped unread.
        var (modified, serverNow) = LeaseSnapshot();
        if (!modified.TryGetValue(LeaseKey(jobId), out var lastModified)
            || (serverNow ?? DateTimeOffset.UtcNow) - AsUtc(lastModified) > TimeSpan.FromSeconds(Core.Storage.Locations.S3Overrides.MaxLeaseSeconds + 1))
        {
            return false;
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

    /// <summary>
    /// Before a write to <paramref name="key"/> (a key of the history): refuses it where the server does not honour
    /// conditional writes (checked once, unless unsafe writes are allowed), and when it belongs to a job whose lease
    /// this process held and lost — another process took it over after this one stalled past the time to live, so that
    /// one is the job's writer now. A lease not confirmed by the server for half its time to live (the process was
    /// stopped, or renewals failed) is renewed first, so a stalled holder finds out before it writes, not after.
    /// </summary>
    /// <exception cref="PerstackException">The server does not honour conditional writes, or the lease of the key's job was lost.</exception>
    public async Task EnsureHeldAsync(string key, CancellationToken cancellationToken)
    {
        await _probe.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (S3Keys.JobOf(key) is not { } jobId)
        {
            return;
        }

        S3Lease? lease;
        lock (_gate)
        {
            _leases.TryGetValue(jobId, out lease);
        }

        if (lease is null)
        {
            return;
        }

        if (!lease.Lost && lease.SinceConfirmed >= _options.TimeToLive / 2)
        {
            await lease.RenewAsync(waitForRenewal: true).ConfigureAwait(false);
        }

        if (lease.Lost)
        {
            throw new PerstackException(LostLine(jobId, _options.TimeToLive));
        }
    }

    /// <summary>
    /// Whether the server honours conditional writes (the probe runs once per process, as before a first write); false
    /// where it does not, whether or not unsafe writes are allowed.
    /// </summary>
    /// <exception cref="PerstackException">The server cannot be reached.</exception>
    public async Task<bool> HonoursConditionalWritesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _probe.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PerstackException) when (_probe.Honoured == false)
        {
            return false;
        }

        return _probe.Honoured == true;
    }

    /// <summary>The line a run whose lease was taken over stops with.</summary>
    public static string LostLine(JobId jobId, TimeSpan timeToLive) =>
        // Without "Error: ": the run reports a failed write (StoreWriteException) with that prefix itself.
        $"Job {jobId} was taken over by another process (this one did not renew its lease within "
        + $"{timeToLive.TotalSeconds:0} s); stopped before writing more. The job stays continuable with --continue-job {jobId}";

    private static Func<Amazon.S3.IAmazonS3> ValidClient(Amazon.S3.IAmazonS3 client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return () => client;
    }

    private static DateTimeOffset AsUtc(DateTime time) => time.Kind == DateTimeKind.Unspecified
        ? new DateTimeOffset(time, TimeSpan.Zero)
        : new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The leases' Last-Modified, listed at most once a second (a listing asks for thousands of jobs at once).</summary>
    private (Dictionary<string, DateTime> Modified, DateTimeOffset? ServerNow) LeaseSnapshot()
    {
        lock (_gate)
        {
            if (_snapshot is { } snapshot && System.Diagnostics.Stopwatch.GetElapsedTime(_snapshotAt) < TimeSpan.FromSeconds(1))
            {
                return snapshot;
            }
        }

        var listed = Task.Run(() => _objects.ListAsync(LeasesFolder, CancellationToken.None)).GetAwaiter().GetResult();
        lock (_gate)
        {
            _snapshot = listed;
            _snapshotAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        return listed;
    }

    internal void Forget(JobId jobId)
    {
        lock (_gate)
        {
            _held.Remove(jobId);
            _leases.Remove(jobId);
        }
    }

    private async Task<S3Lease> AcquireAsync(JobId jobId)
    {
        await _probe.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        var key = LeaseKey(jobId);
        var body = new LeaseBody(_owner, Guid.NewGuid().ToString("N"), 0, Released: false, (long)Math.Ceiling(_options.TimeToLive.TotalSeconds));
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
                var lease = new S3Lease(this, _objects, jobId, key, body, etag, _options);
                lock (_gate)
                {
                    _leases[jobId] = lease;
                }

                return lease;
            }
        }

        throw new JobLockedException(jobId);
    }

    /// <summary>
    /// Held by someone: not released, and renewed within its time to live by the server's clock (Last-Modified has
    /// one-second resolution: a second more is allowed). Without a Date header the local clock stands in. The time to
    /// live is the holder's, written in the lease (bounded: 1 s to the longest <c>leaseSeconds</c> accepts), so machines with
    /// different settings agree; a lease without one (an older version's) is judged by this machine's.
    /// </summary>
    private bool IsLive(LeaseRead read)
    {
        var body = LeaseBody.Parse(read.Content);
        if (body is { Released: true })
        {
            return false;
        }

        var timeToLive = body?.Seconds is { } seconds
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, Core.Storage.Locations.S3Overrides.MaxLeaseSeconds))
            : _options.TimeToLive;
        var now = read.ServerNow ?? DateTimeOffset.UtcNow;
        return now - AsUtc(read.LastModified) <= timeToLive + TimeSpan.FromSeconds(1);
    }
}
