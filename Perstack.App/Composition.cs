using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Providers;
using Perstack.App.Security;
using Perstack.Core.Providers;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;
using Perstack.Core.Search;
using Perstack.Storage.Search;

namespace Perstack.App;

/// <summary>The composition root: the one place that decides which implementation serves each port.</summary>
internal static partial class Composition
{
    /// <summary>Builds the services for the history <paramref name="settings"/> locate: the storage backend is chosen here, by the location's kind.</summary>
    /// <param name="settings">Where the history is, and how to reach a bucket.</param>
    /// <param name="environment">The environment (the user's cache folder; the AWS configuration).</param>
    /// <param name="processEnvironment">The environment runs start from (null: the one captured at startup, provider keys included).</param>
    public static ServiceProvider Build(StorageSettings settings, Func<string, string?> environment, Func<IDictionary>? processEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        return settings.Location switch
        {
            FolderLocation folder => Build(new StorageOptions(folder.Path) { CacheHome = CacheHome.Resolve(environment) }, processEnvironment),
            S3Location bucket => Build(services => AddS3Storage(services, bucket, settings.S3, environment), processEnvironment),
            _ => throw new PerstackException($"Error: Storage location {settings.Location.Display} is not served"),
        };
    }

    /// <summary>Builds the services for a history in the folder <paramref name="storage"/> names.</summary>
    /// <param name="storage">Where the history is.</param>
    /// <param name="processEnvironment">The environment runs start from (null: the one captured at startup, provider keys included).</param>
    public static ServiceProvider Build(StorageOptions storage, Func<IDictionary>? processEnvironment = null) =>
        Build(services => AddFileStorage(services, storage), processEnvironment);

    private static ServiceProvider Build(Action<IServiceCollection> addStorage, Func<IDictionary>? processEnvironment)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        addStorage(services);
        services.AddSingleton<IChatClientFactory>(_ => new ChatClientFactory());
        AddCommands(services);
        AddLogging(services, processEnvironment ?? StartupEnvironment.Variables);
        AddRun(services, processEnvironment ?? StartupEnvironment.Variables);
        AddTui(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = ValidateOnBuild, ValidateScopes = true });
    }

    // Checking every registration as the container is built (every constructor's dependencies and lifetimes) is for the
    // builds the tests run, where a mistake fails every test that builds it. A release build did it on every command:
    // in the Native AOT binary, by reflection over every registered type, ~7 ms of each start.
#if DEBUG
    private const bool ValidateOnBuild = true;
#else
    private const bool ValidateOnBuild = false;
#endif

    /// <summary>The history in a folder: the file adapters, their OS locks and write-behind run stores.</summary>
    private static void AddFileStorage(IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton(storage);
        services.AddSingleton<StorageLayout>();
        services.AddSingleton(provider => HistoryOf(provider.GetRequiredService<StorageLayout>()));
        services.AddSingleton<IJobLocks, FileJobLocks>();
        services.AddSingleton<IJobStore, FileJobStore>();
        services.AddSingleton<IJobFiles, FileJobFiles>();
        services.AddSingleton<ICheckpointStore, FileCheckpointStore>();
        services.AddSingleton<IEventStore, FileEventStore>();
        services.AddSingleton<IRunSettingStore, FileRunSettingStore>();
        services.AddSingleton<IHistorySearch, FileHistorySearch>();
        services.AddSingleton<IRunStoresFactory, WriteBehindRunStoresFactory>();
    }

    private static HistoryLocation HistoryOf(StorageLayout layout) => new(layout.Root, layout.JobsDirectory);
}
