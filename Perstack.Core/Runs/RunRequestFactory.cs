using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;
using Perstack.Core.Secrets;

namespace Perstack.Core.Runs;

/// <summary>
/// Builds a <see cref="RunRequest"/>: the one place where a run setting's precedence lives (the flag, else
/// perstack.toml, else the default of <see cref="ModelSettings"/> / <see cref="RunLimits"/>), and where the expert and
/// the provider name are checked, in the reference's order and with its messages.
/// </summary>
public static class RunRequestFactory
{
    /// <summary>Creates the request. Throws <see cref="PerstackException"/> for an unknown expert, then for an unknown provider.</summary>
    /// <param name="flags">The command line's values.</param>
    /// <param name="expertKey">The expert argument.</param>
    /// <param name="query">The query argument (or the interactive answer).</param>
    /// <param name="answer">Whether the query answers a pending interactive call (null: when the checkpoint waits for one).</param>
    /// <param name="config">The loaded perstack.toml.</param>
    /// <param name="envFiles">The dotenv files read for the run.</param>
    /// <param name="environment">The process environment merged with <paramref name="envFiles"/>.</param>
    public static RunRequest Create(
        RunOverrides flags, string expertKey, string query, bool? answer, PerstackConfig config, IReadOnlyList<EnvFile> envFiles, MergedEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(expertKey);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(envFiles);
        ArgumentNullException.ThrowIfNull(environment);
        var experts = config.Experts.ToDictionary(e => e.Key, StringComparer.Ordinal);
        if (!experts.ContainsKey(expertKey))
        {
            throw new PerstackException($"Expert \"{expertKey}\" not found in perstack.toml");
        }

        var providerText = flags.Provider ?? config.ProviderName;
        var provider = ModelSettings.DefaultProvider;
        if (providerText is not null && !ProviderName.TryParse(providerText, out provider))
        {
            throw new PerstackException($"Validation failed:\n  - options.provider: {ProviderName.InvalidOptionMessage}");
        }

        var model = flags.Model ?? config.Model ?? ModelSettings.DefaultModel;
        return new RunRequest
        {
            ExpertKey = ExpertKey.Parse(expertKey), // a configured key: perstack.toml checked its form
            Query = query,
            Start = flags.Continue ?? new StartPoint.NewJob(flags.JobId ?? JobId.New()),
            Answer = answer,
            Model = new ModelSettings
            {
                Provider = provider,
                Model = model,
                Temperature = flags.Temperature ?? config.Temperature ?? ModelSettings.DefaultTemperature,
                Reasoning = ReasoningDefaults.Resolve(flags.ReasoningBudget, config.ReasoningBudget, provider, model),
                MaxRetries = flags.MaxRetries ?? (int)(config.MaxRetries ?? ModelSettings.DefaultMaxRetries),
                Timeout = TimeSpan.FromMilliseconds(flags.Timeout ?? config.Timeout ?? ModelSettings.DefaultTimeoutMs),
            },
            Limits = new RunLimits
            {
                MaxSteps = flags.MaxSteps ?? config.MaxSteps ?? RunLimits.DefaultMaxSteps,
                MaxDelegationDepth = flags.MaxDelegationDepth ?? (int)Math.Min(config.MaxDelegationDepth ?? RunLimits.DefaultMaxDelegationDepth, int.MaxValue),
                ToolTimeout = TimeSpan.FromMilliseconds(flags.ToolTimeout ?? config.ToolTimeout ?? RunLimits.DefaultToolTimeoutMs),
            },
            ProviderSettings = config.ProviderSetting,
            Experts = experts,
            Environment = environment,
            Secrets = KnownSecrets.Redactor(environment, envFiles, config.Experts),
            WorkingDirectory = flags.WorkingDirectory,
            EnvFilePaths = EnvFileLoader.ResolvePaths(flags.WorkingDirectory, flags.EnvPaths, config),
            AllowEnvFiles = config.AllowEnvFiles ?? false,
            PerstackApiBaseUrl = config.PerstackApiBaseUrl ?? RunSetting.DefaultPerstackApiBaseUrl,
            BaseSkillCommand = config.PerstackBaseSkillCommand,
            Verbose = flags.Verbose,
        };
    }
}
