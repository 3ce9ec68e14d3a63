using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Perstack.Core.Jobs;

namespace Perstack.App;

/// <summary>What the history commands (jobs, log, completion) are served by.</summary>
internal static partial class Composition
{
    private static void AddCommands(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<JobForker>();
    }
}
