using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Features.Run;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Skills;

namespace Perstack.App;

/// <summary>How a run is wired: the clock, the per-run stores and skills, the resolver, the job runner and the run service.</summary>
internal static partial class Composition
{
    private static void AddRun(IServiceCollection services, Func<IDictionary> processEnvironment)
    {
        services.AddSingleton<IRunSkillsFactory, RunSkillsFactory>();
        services.AddSingleton<ContinueResolver>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton(provider => new RunService(
            provider.GetRequiredService<ContinueResolver>(),
            provider.GetRequiredService<IChatClientFactory>(),
            provider.GetRequiredService<JobRunner>(),
            provider.GetRequiredService<IRunSkillsFactory>(),
            processEnvironment));
        services.AddTransient<RunHandler>();
    }
}
