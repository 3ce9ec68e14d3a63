using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Perstack.Core.Storage.Locations;

namespace Perstack.Storage.S3;

/// <summary>
/// Makes the S3 client for a location from the standard AWS configuration — credentials from <c>$AWS_ACCESS_KEY_ID</c> /
/// <c>$AWS_SECRET_ACCESS_KEY</c> (/ <c>$AWS_SESSION_TOKEN</c>), else the SDK's default chain (profiles, SSO, container
/// and instance roles; <c>$AWS_EC2_METADATA_DISABLED=true</c> is honoured by the SDK); the endpoint from
/// <c>$AWS_ENDPOINT_URL_S3</c>, else <c>$AWS_ENDPOINT_URL</c>; the region from <c>$AWS_REGION</c> /
/// <c>$AWS_DEFAULT_REGION</c> — with perstack.toml's <c>[storage]</c> overrides on top.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>Retries of a failed request (throttling, 5xx, a dropped connection), with the SDK's exponential backoff.</summary>
    public const int MaxRetries = 4;

    // Where the chosen endpoint needs no real region (MinIO, R2, a local server), one must still sign with.
    private const string SigningRegionWithoutOne = "us-east-1";

    /// <summary>The client for <paramref name="overrides"/> and <paramref name="environment"/>.</summary>
    public static IAmazonS3 Create(S3Overrides overrides, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(environment);
        var endpoint = overrides.Endpoint?.ToString() ?? Value(environment, "AWS_ENDPOINT_URL_S3") ?? Value(environment, "AWS_ENDPOINT_URL");
        var region = overrides.Region ?? Value(environment, "AWS_REGION") ?? Value(environment, "AWS_DEFAULT_REGION");
        var config = new AmazonS3Config
        {
            // The SDK's default (a CRC32 on every upload, checked on every download) is refused by S3-compatible
            // servers that do not know the trailing-checksum headers; S3 itself needs none but where an operation requires it.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = MaxRetries,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (endpoint is not null)
        {
            var uri = new Uri(endpoint, UriKind.Absolute);
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? SigningRegionWithoutOne;
            config.ForcePathStyle = overrides.ForcePathStyle ?? NeedsPathStyle(uri);
        }
        else
        {
            if (region is not null)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            if (overrides.ForcePathStyle is { } pathStyle)
            {
                config.ForcePathStyle = pathStyle;
            }
        }

        return Credentials(environment) is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    /// <summary>Where the endpoint cannot serve <c>bucket.host</c> names: an IP address or <c>localhost</c>.</summary>
    public static bool NeedsPathStyle(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback
            || endpoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Keys from the (given) environment; null: the SDK's default chain, which reads the process's own.</summary>
    private static AWSCredentials? Credentials(Func<string, string?> environment)
    {
        var keyId = Value(environment, "AWS_ACCESS_KEY_ID");
        var secret = Value(environment, "AWS_SECRET_ACCESS_KEY");
        if (keyId is null || secret is null)
        {
            return null;
        }

        return Value(environment, "AWS_SESSION_TOKEN") is { } token
            ? new SessionAWSCredentials(keyId, secret, token)
            : new BasicAWSCredentials(keyId, secret);
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
