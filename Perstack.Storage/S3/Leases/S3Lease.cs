using Perstack.Core.Domain;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// A job's lease while this process holds it: renewed every <see cref="S3LeaseOptions.RenewEvery"/> with
/// <c>If-Match</c> on the ETag of the last write, released on dispose (rewritten as released, again with
/// <c>If-Match</c>, so a lease another process has since taken over is never touched). A renewal that fails for a
/// network error is tried again at the next tick; one refused by the server (someone took the lease over after this
/// process stalled past the time to live) marks the lease <see cref="Lost"/>, renewals stop
/// and the run's writer refuses every further write to the job (<see cref="S3JobLeases.EnsureHeldAsync"/>).
/// </summary>
internal sealed class S3Lease : IDisposable
{
    private readonly S3JobLeases _owner;
    private readonly LeaseObjects _objects;
    private readonly JobId _jobId;
    private readonly string _key;
    private readonly Timer _timer;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private LeaseBody _body;
    private string _etag;
    private long _confirmedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    private int _disposed;

    public S3Lease(S3JobLeases owner, LeaseObjects objects, JobId jobId, string key, LeaseBody body, string etag, S3LeaseOptions options)
    {
        _owner = owner;
        _objects = objects;
        _jobId = jobId;
        _key = key;
        _body = body;
        _etag = etag;
        _timer = new Timer(_ => _ = RenewAsync(), null, options.RenewEvery, options.RenewEvery);
    }

    /// <summary>Another process took the lease over (this one failed to renew it in time).</summary>
    public bool Lost { get; private set; }

    /// <summary>How long since the server last accepted this lease (taken or renewed), on the monotonic clock.</summary>
    public TimeSpan SinceConfirmed => System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _confirmedAt));

    /// <summary>How many renewals the server accepted.</summary>
    public long Renewals => _body.Renewal;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer.Dispose();
        _renewing.Wait();
        try
        {
            if (!Lost)
            {
                var released = _body with { Renewal = _body.Renewal + 1, Released = true };
                // Best effort: a lease that cannot be released lapses after its time to live.
                Task.Run(() => _objects.ReplaceAsync(_key, released.ToBytes(), _etag, CancellationToken.None)).GetAwaiter().GetResult();
            }
        }
        catch (PerstackException)
        {
        }
        finally
        {
            _renewing.Release();
            _renewing.Dispose();
            _owner.Forget(_jobId);
        }
    }

    /// <summary>One renewal (the timer's tick; tests call it to renew now); with <paramref name="waitForRenewal"/>, after one under way.</summary>
    internal async Task RenewAsync(bool waitForRenewal = false)
    {
        if (Volatile.Read(ref _disposed) != 0 || Lost || !await _renewing.WaitAsync(waitForRenewal ? Timeout.Infinite : 0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var next = _body with { Renewal = _body.Renewal + 1 };
            var etag = await _objects.ReplaceAsync(_key, next.ToBytes(), _etag, CancellationToken.None).ConfigureAwait(false);
            if (etag is null)
            {
                Lost = true;
                return;
            }

            _body = next;
            _etag = etag;
            Volatile.Write(ref _confirmedAt, System.Diagnostics.Stopwatch.GetTimestamp());
        }
        catch (PerstackException)
        {
            // A network error: the next tick tries again, well within the time to live.
        }
        finally
        {
            _renewing.Release();
        }
    }
}
