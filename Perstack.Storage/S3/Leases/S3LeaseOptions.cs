namespace Perstack.Storage.S3.Leases;

/// <summary>How long a job's lease lives without renewal, and how often its holder renews it.</summary>
public sealed record S3LeaseOptions
{
    /// <summary>The defaults: a 30 s lease renewed every 10 s (two renewals may fail before it lapses).</summary>
    public static S3LeaseOptions Default { get; } = new();

    /// <summary>A lease not renewed for this long (by the server's clock) may be taken over.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the holder renews it.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(10);
}
