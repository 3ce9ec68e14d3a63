using Microsoft.Extensions.DependencyInjection;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.Files;
using Perstack.Storage.S3;
using Perstack.Core.Search;
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

        // Where the cross-machine lease (IJobLocks on S3 with conditional writes) is registered once it lands; until then
        // one writer per job within this process only.
        services.AddSingleton<IJobLocks, S3JobLocks>();
        services.AddSingleton(provider => S3Writer.Immediate(provider.GetRequiredService<S3History>().Bucket));
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
}
