using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Features.Start;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Shell;
using Perstack.Core.Search;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Search;

namespace Perstack.App;

/// <summary>
/// How <c>perstack start</c> is wired. The pieces that need Terminal.Gui's application (the dispatcher, the clipboard)
/// are made in <see cref="TuiHost"/>, the Terminal.Gui edge, once the application exists.
/// </summary>
internal static partial class Composition
{
    private static void AddTui(IServiceCollection services)
    {
        // A bucket has no StorageLayout: the search then reads every job at each refresh (nothing cached on disk).
        services.AddSingleton<IHistorySearch>(provider => new FileHistorySearch(
            provider.GetService<StorageLayout>(), provider.GetRequiredService<IJobStore>(), provider.GetRequiredService<ICheckpointStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddTransient<JobOperations>();
        services.AddSingleton<WorkbenchServicesFactory>();
        services.AddTransient<StartHandler>();
    }
}
