using Microsoft.Extensions.DependencyInjection;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.Files;
using Perstack.Storage.S3;
using Perstack.Core.Search;
using Perstack.Storage.S3.Leases;
using Perstack.Storage.Search;

namespace Perstack.App;

/// <summary>A history on S3-compatible object storage: the same ports, served by the S3 adapters.</summary>
internal static partial class Composition
{
    private static void AddS3Storage(IServiceCollection services, S3Location location, S3Overrides overrides, Func<string, string?> environment)
    {
        var endpoint = overrides.Endpoint?.ToString() ?? environment("AWS_ENDPOINT_URL_S3") ?? environment("AWS_ENDPOINT_URL");
        services.AddSingleton(_ => new S3History(new S3Bucket(location, S3ClientFactory.Create(overrides, environment)), endpoint, CacheHome.Resolve(environment)));
        services.AddSingleton(new HistoryLocation(location.Display, JobsDirectory: null));

        // One writer per job across machines: a lease object per job, taken with conditional writes once the server is
        // found to honour them (or the user allowed unsafe writes). Leases have their own client (see LeaseObjects).
        services.AddSingleton(_ => new S3JobLeases(location, () => S3ClientFactory.Create(overrides, environment), LeaseOptions(overrides), overrides.AllowUnsafeWrites));
        services.AddSingleton<IJobLocks>(provider => provider.GetRequiredService<S3JobLeases>());
        services.AddSingleton(provider => S3Writer.Immediate(provider.GetRequiredService<S3History>().Bucket, provider.GetRequiredService<S3JobLeases>()));
        services.AddSingleton<IJobStore, S3JobStore>();
        services.AddSingleton<IJobFiles, S3JobFiles>();
        services.AddSingleton<ICheckpointStore, S3CheckpointStore>();
        services.AddSingleton<IEventStore, S3EventStore>();
        services.AddSingleton<IRunSettingStore, S3RunSettingStore>();
        services.AddSingleton<IRunStoresFactory, S3RunStoresFactory>();
        services.AddSingleton<IHistorySearch>(provider => FileHistorySearch.OverListing(
            provider.GetRequiredService<S3History>().Cache, provider.GetRequiredService<IJobStore>(),
            provider.GetRequiredService<ICheckpointStore>(), provider.GetRequiredService<TimeProvider>()));
    }

    private static S3LeaseOptions LeaseOptions(S3Overrides overrides) => overrides.LeaseSeconds is { } seconds
        ? new S3LeaseOptions { TimeToLive = TimeSpan.FromSeconds(seconds), RenewEvery = TimeSpan.FromSeconds(seconds / 3.0) }
        : S3LeaseOptions.Default;
}
