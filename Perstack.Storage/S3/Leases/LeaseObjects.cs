using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3Location = Perstack.Core.Storage.Locations.S3Location;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// The conditional reads and writes leases need, on their own client: create only if absent (<c>If-None-Match: *</c>),
/// replace only if unchanged (<c>If-Match: etag</c>), and read with the server's clock (the response's <c>Date</c>
/// header) beside the object's <c>Last-Modified</c>, so expiry is judged on one clock — the server's — whatever the
/// clocks of the machines say. Requests go one at a time (the Date header is taken from the last response).
/// </summary>
internal sealed class LeaseObjects : IDisposable
{
    // Made on first use: a listing of jobs none of which is running, and a read-only command, never need one (building
    // an SDK client is a noticeable part of a 10,000-job listing's few hundred milliseconds).
    private readonly Lazy<IAmazonS3> _lazyClient;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _lastDate;

    public LeaseObjects(S3Location location, Func<IAmazonS3> createClient)
    {
        Location = location;
        _lazyClient = new Lazy<IAmazonS3>(() =>
        {
            var client = createClient();
            if (client is AmazonServiceClient service)
            {
                service.AfterResponseEvent += OnResponse;
            }

            return client;
        });
    }

    public S3Location Location { get; }

    /// <summary>The object, its ETag and Last-Modified, and the server's time of the answer (null: no Date header); null when absent.</summary>
    public async Task<LeaseRead?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lastDate = null;
            var (content, etag, lastModified) = await WholeObjectReader.ReadAsync(Client, Location.Bucket, Location.KeyPrefix + key, cancellationToken).ConfigureAwait(false);
            return new LeaseRead(content, etag, lastModified ?? DateTime.UtcNow, _lastDate);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or null or "")
        {
            return null;
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "read", key);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The keys under <paramref name="keyPrefix"/> (relative to the history's prefix) with their Last-Modified, and the
    /// server's time of the first page's answer (null: no Date header), which no listed Last-Modified can be after.
    /// </summary>
    public async Task<(Dictionary<string, DateTime> Modified, DateTimeOffset? ServerNow)> ListAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lastDate = null;
            var modified = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            DateTimeOffset? serverNow = null;
            var request = new ListObjectsV2Request { BucketName = Location.Bucket, Prefix = Location.KeyPrefix + keyPrefix };
            while (true)
            {
                var page = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                serverNow ??= _lastDate;
                foreach (var item in page.S3Objects ?? [])
                {
                    if (item.Key is { } key && key.StartsWith(Location.KeyPrefix, StringComparison.Ordinal))
                    {
                        modified[key[Location.KeyPrefix.Length..]] = item.LastModified ?? default;
                    }
                }

                if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
                {
                    return (modified, serverNow);
                }

                request.ContinuationToken = page.NextContinuationToken;
            }
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "list", keyPrefix);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the object if there is none: its new ETag, or null when one exists (412).</summary>
    public Task<string?> CreateAsync(string key, byte[] content, CancellationToken cancellationToken) =>
        PutAsync(key, content, ifNoneMatch: "*", ifMatch: null, cancellationToken);

    /// <summary>Replaces the object if its ETag is still <paramref name="etag"/>: the new ETag, or null when it changed or is gone.</summary>
    public Task<string?> ReplaceAsync(string key, byte[] content, string etag, CancellationToken cancellationToken) =>
        PutAsync(key, content, ifNoneMatch: null, ifMatch: etag, cancellationToken);

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Client.DeleteObjectAsync(Location.Bucket, Location.KeyPrefix + key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "delete", key);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_lazyClient.IsValueCreated)
        {
            if (Client is AmazonServiceClient service)
            {
                service.AfterResponseEvent -= OnResponse;
            }

            Client.Dispose();
        }

        _gate.Dispose();
    }

    private IAmazonS3 Client => _lazyClient.Value;

    private async Task<string?> PutAsync(string key, byte[] content, string? ifNoneMatch, string? ifMatch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var request = new PutObjectRequest
            {
                BucketName = Location.Bucket,
                Key = Location.KeyPrefix + key,
                InputStream = stream,
                ContentType = "application/json",
                AutoCloseStream = false,
                // A whole body with its length: S3-compatible servers that do not speak aws-chunked accept it.
                UseChunkEncoding = false,
                IfNoneMatch = ifNoneMatch,
                IfMatch = ifMatch,
            };
            var response = await Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ETag ?? "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
            || (ifMatch is not null && e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or null or ""))
        {
            // 412: the condition did not hold; 409: a concurrent conditional write to the key is in progress (S3).
            return null;
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "write", key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void OnResponse(object sender, ResponseEventArgs e)
    {
        if (e is WebServiceResponseEventArgs { ResponseHeaders: { } headers }
            && headers.TryGetValue("Date", out var date)
            && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            _lastDate = parsed;
        }
    }
}

/// <summary>A lease object as read: content, ETag, Last-Modified (server clock) and the server's time of the read.</summary>
internal sealed record LeaseRead(byte[] Content, string ETag, DateTime LastModified, DateTimeOffset? ServerNow);
