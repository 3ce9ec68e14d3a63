using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Perstack.App.Logging;
using Perstack.Skills;
using Perstack.Storage.Files;

namespace Perstack.App;

/// <summary>Where logs go: <c>perstack.log</c> and the MCP servers' stderr, in the user's state folder (never the history tree).</summary>
internal static partial class Composition
{
    /// <summary>The state folder's sub-folder keeping MCP servers' stderr, per job and run.</summary>
    public const string McpStderrFolder = "mcp-stderr";

    /// <summary>The user's state folder for perstack (null: no home folder, nothing is logged).</summary>
    public static string? StateFolder(Func<string, string?> environment) => StateHome.Resolve(environment);

    private static void AddLogging(IServiceCollection services, Func<IDictionary> processEnvironment)
    {
        string? Variable(string name) => processEnvironment()[name] as string;
        services.AddSingleton<LogRedaction>();
        services.AddSingleton(provider => LogSettings.CreateFactory(
            StateFolder(Variable), LogSettings.Level(Variable), provider.GetRequiredService<LogRedaction>()));
        services.AddSingleton(provider => new SkillLogging(
            provider.GetRequiredService<ILoggerFactory>(),
            StateFolder(Variable) is { } state ? Path.Combine(state, McpStderrFolder) : null));
    }
}
