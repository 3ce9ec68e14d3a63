using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Features.Jobs;
using Perstack.App.Features.Log;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Files;

namespace Perstack.App;

/// <summary>What the history commands (jobs, log, completion) are served by.</summary>
internal static partial class Composition
{
    /// <summary>Builds the services for the store <c>--storage-path</c> (else <c>$PERSTACK_STORAGE_PATH</c>, else <c>./perstack</c>) names.</summary>
    public static ServiceProvider Build(string? storagePath, Func<string, string?> environment) =>
        Build(StorageOptions.Resolve(storagePath, environment));

    /// <summary>The environment variable that names the store when <c>--storage-path</c> is not given.</summary>
    public const string StoragePathVariable = StorageOptions.EnvironmentVariable;

    /// <summary>The full path of the store <c>--storage-path</c> (else <c>$PERSTACK_STORAGE_PATH</c>, else <c>./perstack</c>) names.</summary>
    public static string StorageRoot(string? storagePath, Func<string, string?> environment) =>
        StorageOptions.Resolve(storagePath, environment).RootPath;

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
        services.AddTransient<LogScopeResolver>();
        services.AddTransient<LogHandler>();
        services.AddSingleton<IAtomicFileWriter, AtomicFileWriter>();
    }
}
