using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Providers;
using Perstack.App.Security;
using Perstack.Core.Providers;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;

namespace Perstack.App;

/// <summary>The composition root: the one place that decides which implementation serves each port.</summary>
internal static partial class Composition
{
    /// <summary>Builds the services for a store at <paramref name="storage"/>.</summary>
    /// <param name="storage">Where the history is.</param>
    /// <param name="processEnvironment">The environment runs start from (null: the one captured at startup, provider keys included).</param>
    public static ServiceProvider Build(StorageOptions storage, Func<IDictionary>? processEnvironment = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddSingleton<StorageLayout>();
        services.AddSingleton(provider => HistoryOf(provider.GetRequiredService<StorageLayout>()));
        services.AddSingleton<IJobLocks, FileJobLocks>();
        services.AddSingleton<IJobStore, FileJobStore>();
        services.AddSingleton<IJobFiles, FileJobFiles>();
        services.AddSingleton<ICheckpointStore, FileCheckpointStore>();
        services.AddSingleton<IEventStore, FileEventStore>();
        services.AddSingleton<IRunSettingStore, FileRunSettingStore>();
        services.AddSingleton<IChatClientFactory>(_ => new ChatClientFactory());
        AddCommands(services);
        AddLogging(services, processEnvironment ?? StartupEnvironment.Variables);
        AddRun(services, processEnvironment ?? StartupEnvironment.Variables);
        AddTui(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static HistoryLocation HistoryOf(StorageLayout layout) => new(layout.Root, layout.JobsDirectory);
}
