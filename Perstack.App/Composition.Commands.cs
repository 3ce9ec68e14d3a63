using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Features.Jobs;
using Perstack.App.Features.Log;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.Files;

namespace Perstack.App;

/// <summary>What the history commands (jobs, log, completion) are served by.</summary>
internal static partial class Composition
{
    /// <summary>Builds the services for the history <c>--storage-path</c> (else <c>$PERSTACK_STORAGE_PATH</c>, else perstack.toml's <c>[storage]</c>, else <c>./perstack</c>) names.</summary>
    /// <exception cref="PerstackException">A location that is not served, or a bad <c>[storage]</c> table: one line.</exception>
    public static ServiceProvider Build(string? storagePath, Func<string, string?> environment) =>
        Build(ResolveStorage(storagePath, environment), environment);

    /// <summary>The environment variable that names the store when <c>--storage-path</c> is not given.</summary>
    public const string StoragePathVariable = StorageSettings.EnvironmentVariable;

    /// <summary>
    /// Where the history lives, resolved once per command: <c>--storage-path</c>, else <c>$PERSTACK_STORAGE_PATH</c>, else
    /// the <c>[storage]</c> table of the perstack.toml found from the working directory up, else <c>./perstack</c>.
    /// </summary>
    public static StorageSettings ResolveStorage(string? storagePath, Func<string, string?> environment) =>
        StorageSettings.Resolve(storagePath, environment, () => StorageTableReader.Read(Directory.GetCurrentDirectory(), configPath: null));

    private static void AddCommands(IServiceCollection services)
    {
        services.AddTransient<JobForker>();
        services.AddTransient<StoredJobReader>();
        services.AddTransient<JobsExportHandler>();
        services.AddTransient<JobsTitleHandler>();
        services.AddTransient<JobsShowHandler>();
        services.AddTransient<JobDeleter>();
        services.AddTransient<JobsListHandler>();
        services.AddTransient<JobsDeleteHandler>();
        services.AddTransient<JobsPruneHandler>();
        services.AddTransient<JobsImportHandler>();
        services.AddTransient<JobsSyncHandler>();
        services.AddTransient<LogScopeResolver>();
        services.AddTransient<LogHandler>();
        services.AddSingleton<IAtomicFileWriter, AtomicFileWriter>();
    }
}
