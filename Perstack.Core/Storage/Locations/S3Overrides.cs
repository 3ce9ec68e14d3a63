namespace Perstack.Core.Storage.Locations;

/// <summary>
/// perstack.toml's <c>[storage]</c> settings for an S3-compatible endpoint (R2, MinIO, Ceph), over the standard AWS
/// configuration (environment, profiles, the SDK's default chain). Never holds a credential: those come only from
/// the AWS configuration.
/// </summary>
public sealed record S3Overrides
{
    /// <summary>No overrides.</summary>
    public static S3Overrides None { get; } = new();

    /// <summary>The service URL (<c>endpoint</c>), over <c>$AWS_ENDPOINT_URL_S3</c> / <c>$AWS_ENDPOINT_URL</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region (<c>region</c>), over <c>$AWS_REGION</c> and the profile's.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// Path-style addressing (<c>forcePathStyle</c>): <c>endpoint/bucket/key</c> instead of <c>bucket.endpoint/key</c>.
    /// Null: on for an endpoint that is an IP address or <c>localhost</c>, off otherwise.
    /// </summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>
    /// <c>allowUnsafeWrites</c>: write even where the server does not honour conditional writes (then nothing stops two
    /// machines writing one job at once). Off by default.
    /// </summary>
    public bool AllowUnsafeWrites { get; init; }

    /// <summary>The shortest lease <c>leaseSeconds</c> accepts: Last-Modified has one-second resolution, and a holder renews three times a lease.</summary>
    public const int MinLeaseSeconds = 5;

    /// <summary>
    /// The longest lease <c>leaseSeconds</c> accepts, and the longest a reader honours from a lease object: a job whose
    /// writer was killed waits at most this long.
    /// </summary>
    public const int MaxLeaseSeconds = 3600;

    /// <summary>
    /// <c>leaseSeconds</c>: how long a job's lease lives without renewal (its holder renews it three times as often),
    /// so how long a job whose writer was killed waits before another process may continue it. Null: 30 s.
    /// </summary>
    public long? LeaseSeconds { get; init; }
}
