using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;

namespace Perstack.Storage.S3;

/// <summary>
/// Turns what the S3 client throws into one line a person can act on — never a stack trace, never a credential (the
/// SDK's messages name the key id at most; they are not repeated beyond the error code and the server's own text).
/// </summary>
public static class S3Failure
{
    /// <summary>Whether <paramref name="e"/> is a failure of the request (rather than a bug or a cancellation).</summary>
    public static bool IsTransport(Exception e) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
        or System.Net.Sockets.SocketException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    /// <summary>The one-line error for a failed <paramref name="operation"/> of <paramref name="key"/>.</summary>
    public static PerstackException From(Exception e, S3Location location, string operation, string key)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(location);
        var where = $"{location.Display}/{key}".Replace("//", "/", StringComparison.Ordinal).Replace("s3:/", "s3://", StringComparison.Ordinal);
        var why = e switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"the bucket {location.Bucket} does not exist",
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" } s3 =>
                $"the server refused the credentials ({s3.ErrorCode}); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the profile",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3 => $"access denied ({s3.ErrorCode ?? "403"})",
            AmazonS3Exception { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } s3 =>
                $"the server is throttling requests ({s3.ErrorCode ?? ((int)s3.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}), still after {S3ClientFactory.MaxRetries} retries",
            AmazonServiceException service when Inner<HttpRequestException>(service) is { } http => Unreachable(http),
            AmazonServiceException service => $"{service.ErrorCode ?? ((int)service.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {OneLine(service.Message)}",
            AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)",
            AmazonClientException client when Inner<HttpRequestException>(client) is { } http => Unreachable(http),
            HttpRequestException http => Unreachable(http),
            System.Net.Sockets.SocketException socket => $"the endpoint cannot be reached ({OneLine(socket.Message)})",
            _ => OneLine(e.Message),
        };
        return new PerstackException($"Error: Cannot {operation} {where}: {why}", e);
    }

    private static string Unreachable(HttpRequestException http) =>
        $"the endpoint cannot be reached ({OneLine(http.InnerException?.Message ?? http.Message)}), still after {S3ClientFactory.MaxRetries} retries";

    /// <summary>The first exception of type <typeparamref name="T"/> among <paramref name="e"/>'s inner exceptions.</summary>
    internal static T? Inner<T>(Exception e)
        where T : Exception
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
