using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;
using S3Location = Perstack.Core.Storage.Locations.S3Location;

namespace Perstack.Storage.S3;

/// <summary>
/// The objects of one history: a bucket and prefix, every key given relative to the prefix. The only code that speaks to
/// the S3 client; its failures leave as one line (<see cref="S3Failure"/>): no bucket, refused credentials, an
/// unreachable endpoint — after the client's retries with backoff.
/// </summary>
public sealed class S3Bucket : IDisposable
{
    private readonly IAmazonS3 _client;

    /// <summary>Creates the bucket view; it owns <paramref name="client"/>.</summary>
    public S3Bucket(S3Location location, IAmazonS3 client)
    {
        Location = location ?? throw new ArgumentNullException(nameof(location));
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>The location.</summary>
    public S3Location Location { get; }

    /// <summary>The object's bytes and entity tag, or null when there is no such object.</summary>
    public async Task<(byte[] Content, string ETag)?> GetAsync(string key, CancellationToken cancellationToken) =>
        await GetIfChangedAsync(key, null, cancellationToken).ConfigureAwait(false) is { } read ? (read.Content!, read.ETag) : null;

    /// <summary>
    /// The object unless its ETag is still <paramref name="etag"/> (then an answer without content, after one HEAD
    /// request: no body crosses the network), or null when there is no such object.
    /// </summary>
    /// <remarks>
    /// A HEAD rather than a GET with <c>If-None-Match</c>: the SDK fails to read a 304 answer to a GetObject (it throws
    /// while parsing it), and a HEAD costs the same one round trip.
    /// </remarks>
    public async Task<(byte[]? Content, string ETag)?> GetIfChangedAsync(string key, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is not null)
            {
                var head = await _client.GetObjectMetadataAsync(Location.Bucket, FullKey(key), cancellationToken).ConfigureAwait(false);
                if (head.ETag == etag)
                {
                    return (null, etag);
                }
            }

            var (content, newTag, _) = await WholeObjectReader.ReadAsync(_client, Location.Bucket, FullKey(key), cancellationToken).ConfigureAwait(false);
            return (content, newTag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or "NotFound" or null or "")
        {
            return null;
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "read", key);
        }
    }

    /// <summary>Writes the object whole (an S3 PUT is atomic: a reader sees the old object or the new one, never a part).</summary>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await PutIfAsync(key, content, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Writes the object whole, on <paramref name="condition"/>: <c>*</c> creates it only if absent
    /// (<c>If-None-Match: *</c>), an ETag replaces it only if it still has that ETag (<c>If-Match</c>); null writes
    /// unconditionally. Returns the new ETag, or null when the condition did not hold (412; 409 for a concurrent
    /// conditional write; 404 for <c>If-Match</c> on an object that is gone).
    /// </summary>
    public async Task<string?> PutIfAsync(string key, ReadOnlyMemory<byte> content, string? condition, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            var request = new PutObjectRequest
            {
                BucketName = Location.Bucket,
                Key = FullKey(key),
                InputStream = stream,
                ContentType = "application/json",
                AutoCloseStream = false,

                // One whole-body PUT: S3-compatible servers differ in their support of aws-chunked uploads.
                UseChunkEncoding = false,
                IfNoneMatch = condition == "*" ? "*" : null,
                IfMatch = condition is { } etag && etag != "*" ? etag : null,
            };
            var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ETag ?? "";
        }
        catch (AmazonS3Exception e) when (condition is not null && (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
            || (condition != "*" && e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or null or "")))
        {
            return null;
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "write", key);
        }
    }

    /// <summary>Deletes the object (no error when it is gone).</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteObjectAsync(Location.Bucket, FullKey(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "delete", key);
        }
    }

    /// <summary>Every object under <paramref name="keyPrefix"/>, page by page (1,000 keys a request), in key order.</summary>
    public async Task<List<S3ObjectInfo>> ListAsync(string keyPrefix, CancellationToken cancellationToken, int? maxKeys = null)
    {
        var objects = new List<S3ObjectInfo>();
        var request = new ListObjectsV2Request { BucketName = Location.Bucket, Prefix = FullKey(keyPrefix), MaxKeys = maxKeys };
        try
        {
            while (true)
            {
                var page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.S3Objects ?? [])
                {
                    if (item.Key is { } full && full.StartsWith(Location.KeyPrefix, StringComparison.Ordinal))
                    {
                        objects.Add(new S3ObjectInfo(full[Location.KeyPrefix.Length..], item.ETag ?? "", item.LastModified ?? default, item.Size ?? 0));
                    }
                }

                if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken) || (maxKeys is { } max && objects.Count >= max))
                {
                    return objects;
                }

                request.ContinuationToken = page.NextContinuationToken;
            }
        }
        catch (Exception e) when (S3Failure.IsTransport(e))
        {
            throw S3Failure.From(e, Location, "list", keyPrefix);
        }
    }

    /// <summary>Whether any object's key starts with <paramref name="keyPrefix"/>.</summary>
    public async Task<bool> AnyAsync(string keyPrefix, CancellationToken cancellationToken) =>
        (await ListAsync(keyPrefix, cancellationToken, maxKeys: 1).ConfigureAwait(false)).Count > 0;

    /// <summary>Checks that the bucket exists and the credentials are accepted: one line otherwise.</summary>
    /// <exception cref="PerstackException">The bucket cannot be used.</exception>
    public Task CheckAsync(CancellationToken cancellationToken) => ListAsync("jobs/", cancellationToken, maxKeys: 1);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private string FullKey(string key) => Location.KeyPrefix + key;
}
