using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Perstack.Storage.S3;

/// <summary>
/// Reads one object whole. S3 itself replaces an object atomically, but S3-compatible servers that store objects as
/// plain files (s3rver, some NAS gateways) can serve a body that is being overwritten: its bytes then fail the checksum
/// the SDK verifies against the response's headers ("Expected hash not equal to calculated hash"). Such a read is not
/// a failure of the store, only a read that raced a writer, so it is made again — a few times, then the error stands.
/// The same holds for a body that ends before its Content-Length (the file was cut short while it was being sent).
/// </summary>
internal static class WholeObjectReader
{
    /// <summary>How many times a read whose body failed its checksum is made again.</summary>
    public const int TornReadRetries = 4;

    /// <summary>The object's bytes, ETag and Last-Modified (the SDK's <see cref="AmazonS3Exception"/> when absent).</summary>
    public static async Task<(byte[] Content, string ETag, DateTime? LastModified)> ReadAsync(
        IAmazonS3 client, string bucket, string fullKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var readingBody = false;
            try
            {
                using var response = await client.GetObjectAsync(bucket, fullKey, cancellationToken).ConfigureAwait(false);
                readingBody = true;
                var capacity = response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0;
                using var buffer = new MemoryStream(capacity);
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return (buffer.ToArray(), response.ETag ?? "", response.LastModified);
            }
            catch (Exception e) when (attempt < TornReadRetries && (IsTornBody(e) || (readingBody && IsCutShort(e))))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The SDK's HashStream throws a bare AmazonClientException with this message when the body and its checksum differ;
    // and its response handler fails to parse the ETag (HexStringToBytes) of an object whose metadata is being rewritten
    // (met on s3rver when two writers replace one object in turn, as the bucket's jobs index is).
    private static bool IsTornBody(Exception e) =>
        (e is AmazonClientException && e.Message.Contains("Expected hash not equal to calculated hash", StringComparison.Ordinal))
        || e is ArgumentOutOfRangeException { ParamName: "hex" };

    // A 200's headers came and then its body stopped short ("The response ended prematurely", HttpIOException, maybe
    // wrapped by the SDK). Only looked at while the body is read: a connection cut before any answer is the SDK's own
    // retry's business, and a lasting one must not be retried again here.
    private static bool IsCutShort(Exception e) => e is IOException || S3Failure.Inner<IOException>(e) is not null;
}
